/** The panel fills the screen below this width (panel.css has the same query). */
export const PHONE_QUERY = '(max-width: 480px)';

/**
 * While the panel is open on a phone: the page behind does not scroll, and the panel
 * follows the visual viewport, so the on-screen keyboard never covers the composer (iOS
 * Safari shrinks the visual viewport, not the layout one, when the keyboard opens).
 * Returns what undoes it. https://developer.mozilla.org/docs/Web/API/Visual_Viewport_API
 */
export function holdPhoneView(container: HTMLElement, win: Window = window): () => void {
  // Missing in some embedded web views (and jsdom), whatever the DOM typings say.
  if (!(win.matchMedia as Window['matchMedia'] | undefined)?.(PHONE_QUERY).matches) return () => {};
  const { documentElement: html, body } = win.document;
  const saved = [html.style.overflow, body.style.overflow] as const;
  // Through the CSSOM, which a strict Content-Security-Policy allows.
  html.style.overflow = body.style.overflow = 'hidden';
  const viewport = win.visualViewport;
  const fit = (): void => {
    if (!viewport) return;
    container.style.setProperty('--vvh', `${viewport.height}px`);
    container.style.setProperty('--vvt', `${viewport.offsetTop}px`);
  };
  fit();
  viewport?.addEventListener('resize', fit);
  viewport?.addEventListener('scroll', fit);
  return () => {
    [html.style.overflow, body.style.overflow] = saved;
    viewport?.removeEventListener('resize', fit);
    viewport?.removeEventListener('scroll', fit);
    container.style.removeProperty('--vvh');
    container.style.removeProperty('--vvt');
  };
}
