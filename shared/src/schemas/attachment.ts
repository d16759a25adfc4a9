import { z } from 'zod';

/** An uploaded file's id: random, unguessable, url-safe. */
export const AttachmentId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'expected an attachment id');
export type AttachmentId = z.infer<typeof AttachmentId>;

/**
 * A file attached to a message. The server decides `type` from the file's content (never
 * from its name or the type the browser claimed) and stores it under an unguessable id;
 * it is served only to the conversation's visitor and to operators.
 *
 * @example { id: 'f_9x…', name: 'screenshot.png', type: 'image/png', size: 48213 }
 */
export const Attachment = z.object({
  id: AttachmentId,
  /** The name the uploader gave, for display and downloads only. */
  name: z.string().min(1).max(255),
  type: z.string().max(100),
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof Attachment>;

/** `POST /widget/uploads` (visitor token) and `POST /api/conversations/:id/attachments` (operator): the stored file. */
export const UploadResult = z.object({ attachment: Attachment });
export type UploadResult = z.infer<typeof UploadResult>;
