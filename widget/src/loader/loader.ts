/**
 * Entry of loader.js, a classic script the site owner embeds with
 * `<script async src="https://chat.example.com/widget/loader.js" data-site="introserv"></script>`.
 * `document.currentScript` is set whenever a classic script first runs, async or injected
 * by a tag manager alike (only module scripts lack it, and loader.js is not one).
 */
import { boot } from './boot.js';

const script = document.currentScript as HTMLScriptElement | null;
if (script) boot(script);
