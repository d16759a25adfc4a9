/** Small real files for upload tests: a 1×1 PNG, and things that pretend to be one. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** An HTML page named and claimed as a PNG: what "checked by content" must refuse. */
export const HTML_AS_PNG = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

/** The start of an ELF executable. */
export const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
