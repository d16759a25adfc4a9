/** Socket.IO namespace names. */
export const NAMESPACES = { visitor: '/visitor', operator: '/operator' } as const;
