/**
 * WCAG 2.x contrast between two `#rrggbb` colours, 1–21. The widget draws white text and
 * icons on the site's colour, so settings refuse a colour below AA (4.5:1) against white.
 *
 * @example contrastRatio('#0b57d0', '#ffffff') // ≈ 6.4
 */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Relative luminance of a `#rrggbb` colour (sRGB), 0 (black) – 1 (white). */
export function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The minimum contrast of white text on the widget's colour: WCAG AA for normal text. */
export const MIN_CONTRAST_ON_WHITE = 4.5;
