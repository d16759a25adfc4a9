/** Room names, in one place so that joins and broadcasts cannot drift apart. */
export const rooms = {
  conversation: (id: string) => `conv:${id}`,
  visitor: (id: string) => `visitor:${id}`,
  operator: (id: string) => `op:${id}`,
  /** The sockets opened with one login session, so that its logout or expiry closes them all. */
  session: (key: string) => `sess:${key}`,
  allOperators: 'operators',
} as const;
