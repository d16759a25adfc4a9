/**
 * `JSON.stringify` as if the page had not touched `Array.prototype.toJSON`. Old libraries
 * (Prototype.js) define it, and then every array serializes as a string: socket.io packets
 * and our stored outbox would come out wrong. The host's method is set aside for the
 * duration of one synchronous call (no page code can run meanwhile) and put back as it was.
 */
export function withoutArrayToJSON<T>(fn: () => T): T {
  const proto = Array.prototype as unknown as Record<string, unknown>;
  const own = Object.getOwnPropertyDescriptor(proto, 'toJSON');
  if (!own?.configurable) return fn();
  delete proto.toJSON;
  try {
    return fn();
  } finally {
    Object.defineProperty(proto, 'toJSON', own);
  }
}

export const safeStringify = (value: unknown): string => withoutArrayToJSON(() => JSON.stringify(value));
