/**
 * Adds CSS to a shadow root. Constructed stylesheets are preferred because a strict
 * Content-Security-Policy (`style-src` without 'unsafe-inline') blocks `<style>`
 * elements but not `adoptedStyleSheets`; older engines (and jsdom) get a `<style>`.
 */
export function adoptCss(root: ShadowRoot, css: string): void {
  // Typed as always present, but missing in older engines and jsdom.
  if (root.adoptedStyleSheets as CSSStyleSheet[] | undefined) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}
