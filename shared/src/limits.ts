/** Limits the server enforces and the clients respect before sending. */
export const LIMITS = {
  messageTextMax: 5000,
  pageUrlMax: 2048,
  pageTitleMax: 300,
  historyPageMax: 200,
} as const;
