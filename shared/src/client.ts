/**
 * The zod-free part of the contract, for bundles that must stay small (the widget):
 * constants, pure functions and types only. Importing it adds no schema code.
 */
export type * from './index.js';
export { LANGUAGES, pickLanguage } from './languages.js';
export { LIMITS } from './limits.js';
export { ErrorCode } from './errors.js';
export { NAMESPACES } from './namespaces.js';
