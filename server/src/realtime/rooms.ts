/** Room names, in one place so that joins and broadcasts cannot drift apart. */
export const rooms = {
  conversation: (id: string) => `conv:${id}`,
  visitor: (id: string) => `visitor:${id}`,
  operator: (id: string) => `op:${id}`,
  allOperators: 'operators',
} as const;
