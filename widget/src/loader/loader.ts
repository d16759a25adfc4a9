/**
 * Entry of loader.js, a classic script the site owner embeds with
 * `<script async src="https://chat.example.com/widget/loader.js" data-site="introserv"></script>`.
 * `document.currentScript` is set while a classic (also async) script first runs; the
 * selector is a fallback for pages that inject the tag in unusual ways.
 */
import { boot } from './boot.js';

const script = (document.currentScript ?? document.querySelector('script[data-site][src*="loader"]')) as HTMLScriptElement | null;
if (script) boot(script);
