import { isIPv4, isIPv6 } from 'node:net';

/**
 * Who a per-address limit charges, from the client's address (as `req.ip` or the handshake
 * give it): an IPv4 address as it is (also when IPv4-mapped, `::ffff:a.b.c.d`), an IPv6
 * client by its /64. One IPv6 subscriber is routinely given a whole /64 (RFC 6177), so
 * counting single IPv6 addresses would give one client 2^64 quotas. Every per-address limit
 * (quotas, login, leave-a-message, e-mails, uploads, connections) keys on this.
 *
 * @example quotaSubject('2001:db8:85a3:42:1:2:3:4') // '2001:db8:85a3:42::/64'
 */
export function quotaSubject(address: string | null | undefined): string {
  if (!address) return 'unknown';
  const bare = address.replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return address;
  const groups = expand(bare.toLowerCase());
  // ::ffff:0:0/96 is IPv4, however it is written.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (a dotted IPv4 tail counts as two). */
function expand(address: string): number[] {
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = '', tail] = address.split('::');
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}
