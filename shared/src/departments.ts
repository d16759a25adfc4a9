/**
 * The departments every deployment has, in INTROSERV's own words (the seeds): Technical
 * issues, Financial issues, and General for everything else. Admins may add more and rename.
 */
export const BUILT_IN_DEPARTMENTS = ['general', 'technical', 'financial'] as const;
export type BuiltInDepartment = (typeof BUILT_IN_DEPARTMENTS)[number];

/** Where a conversation goes when the visitor did not choose. */
export const DEFAULT_DEPARTMENT: BuiltInDepartment = 'general';
