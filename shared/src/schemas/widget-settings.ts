import { z } from 'zod';
import { Department } from './department.js';

/**
 * `GET /widget/settings?site=<id>`: what the loader asks before it draws anything. The
 * server answers only origins in `ALLOWED_ORIGINS`; a refused origin gets 403
 * `ORIGIN_NOT_ALLOWED`, and the loader then draws nothing.
 */
export const WidgetSettingsQuery = z.object({ site: z.string().regex(/^[a-z0-9_-]{1,64}$/i) });
export type WidgetSettingsQuery = z.infer<typeof WidgetSettingsQuery>;

export const WidgetSettings = z.object({
  siteId: z.string(),
  /** How long a visitor waits for an operator before the widget offers to leave a message instead. */
  leaveMessageAfterSeconds: z.number().int().min(0).max(3600),
  /** The departments a visitor may choose, in order. */
  departments: z.array(Department),
});
export type WidgetSettings = z.infer<typeof WidgetSettings>;
