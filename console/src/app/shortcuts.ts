import type { ConsoleKey } from '../i18n/i18n.js';

/** The console's keyboard shortcuts (the keys themselves are the same in every language); the help dialog lists them. */
export const SHORTCUTS: readonly { keys: string; label: ConsoleKey }[] = [
  { keys: 'Alt + ↓', label: 'keys.next' },
  { keys: 'Alt + ↑', label: 'keys.previous' },
  { keys: 'Enter', label: 'keys.send' },
  { keys: 'Shift + Enter', label: 'keys.newline' },
  { keys: '/', label: 'keys.canned' },
  { keys: 'Alt + /', label: 'keys.cannedAnywhere' },
  { keys: 'Alt + N', label: 'keys.note' },
  { keys: 'Alt + A', label: 'keys.accept' },
  { keys: 'Alt + T', label: 'keys.transfer' },
  { keys: 'Alt + C', label: 'keys.close' },
  { keys: 'Alt + M', label: 'keys.focus' },
  { keys: 'Alt + H', label: 'keys.help' },
];
