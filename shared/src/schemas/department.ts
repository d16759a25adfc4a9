import { z } from 'zod';
import { Language } from './language.js';

/** A department's id: lower-case letters, digits and dashes, e.g. `technical`. */
export const DepartmentId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'expected a department id like "technical"');
export type DepartmentId = z.infer<typeof DepartmentId>;

/**
 * A department and its names. A name an admin set wins; otherwise clients show their
 * locale's name for a built-in department (`departments.<id>` in every locale file), then
 * `names.en`, then the id.
 *
 * @example { id: 'technical', names: {} }  // shown as "Technical issues" / "Технические проблемы" …
 */
export const Department = z.object({
  id: DepartmentId,
  names: z.partialRecord(Language, z.string().trim().min(1).max(60)),
});
export type Department = z.infer<typeof Department>;
