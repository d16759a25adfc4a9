import type { Config } from '../config.js';

/**
 * Which browser origins may do what. The widget may be embedded on the configured sites;
 * the console and its API only from this server's own origin (a cross-site page must not
 * ride an operator's cookie).
 */
export class OriginPolicy {
  private readonly own: string;

  /**
   * `extraOrigins`: origins an admin allowed in the console's settings, on top of
   * `ALLOWED_ORIGINS`; read synchronously (from the settings cache) on every check.
   */
  constructor(
    private readonly config: Pick<Config, 'publicUrl' | 'allowedOrigins'>,
    private readonly extraOrigins: () => readonly string[] = () => [],
  ) {
    this.own = new URL(config.publicUrl).origin;
  }

  /** `host` as in `consoleAllowed`: our own pages (the demo) may always embed the widget. */
  widgetAllowed(origin: string, host?: string): boolean {
    return (
      this.config.allowedOrigins === '*' ||
      this.config.allowedOrigins.includes(origin) ||
      this.extraOrigins().includes(origin.toLowerCase()) ||
      this.consoleAllowed(origin, host)
    );
  }

  /** `host` is the request's Host header: a request to the same host it came from is same-origin too. */
  consoleAllowed(origin: string, host: string | undefined): boolean {
    if (origin === this.own) return true;
    try {
      return host !== undefined && new URL(origin).host === host;
    } catch {
      return false;
    }
  }
}
