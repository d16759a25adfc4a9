/**
 * The file types the server accepts, recognised by their first bytes: screenshots, PDFs,
 * and plain-text logs. Anything else (SVG, HTML, archives, executables) is refused.
 */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
