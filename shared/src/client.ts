/**
 * The zod-free part of the contract, for bundles that must stay small (the widget):
 * constants, pure functions and types only. Importing it adds no schema code. The
 * client helpers below live here once and serve the server, the widget and the console.
 */
export type * from './index.js';
export { LANGUAGES, pickLanguage } from './languages.js';
export { BUILT_IN_DEPARTMENTS, DEFAULT_DEPARTMENT } from './departments.js';
export { LIMITS, DEFAULT_RATE_LIMITS, RATE_CLASSES } from './limits.js';
export { ErrorCode } from './errors.js';
export { NAMESPACES } from './namespaces.js';
export { TIMING } from './timing.js';
export { compareCursor } from './cursor.js';
export { mergeMessages } from './message-merge.js';
export { isRetryable, backoffDelay } from './retry.js';
export { Signal } from './signal.js';
export { visibleToVisitor } from './visibility.js';
export { isolate, unisolate, type Isolated } from './bidi.js';
export { firstGraphemes } from './graphemes.js';
export { wallClockToInstant, formatInZone, cetName, CET_ZONE } from './time-zone.js';
export { contrastRatio, MIN_CONTRAST_ON_WHITE } from './contrast.js';
export { ATTACHMENT_TYPES } from './attachment-types.js';
export { pathTo, withQuery } from './http/endpoint.js';
export { WIDGET_ENDPOINTS, WIDGET_SETTINGS_PATH } from './http/widget-endpoints.js';
