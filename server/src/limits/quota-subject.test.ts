import { describe, expect, it } from 'vitest';
import { quotaSubject } from './quota-subject.js';

describe('quotaSubject: who a per-address limit charges', () => {
  it('keeps an IPv4 address as it is, also when it comes IPv4-mapped', () => {
    expect(quotaSubject('198.51.100.7')).toBe('198.51.100.7');
    expect(quotaSubject('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(quotaSubject('::FFFF:198.51.100.7')).toBe('198.51.100.7');
    expect(quotaSubject('::ffff:c633:6407')).toBe('198.51.100.7');
  });

  it('charges an IPv6 client per /64, however the address is written', () => {
    const a = quotaSubject('2001:db8:85a3:42:1:2:3:4');
    expect(a).toBe('2001:db8:85a3:42::/64');
    expect(quotaSubject('2001:0db8:85a3:0042:ffff:ffff:ffff:ffff')).toBe(a);
    expect(quotaSubject('2001:DB8:85A3:42::9')).toBe(a);
    expect(quotaSubject('2001:db8:85a3:43::1')).not.toBe(a);
    expect(quotaSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(quotaSubject('::1')).toBe('0:0:0:0::/64');
    expect(quotaSubject('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('leaves anything that is not an address alone', () => {
    expect(quotaSubject('unknown')).toBe('unknown');
    expect(quotaSubject(null)).toBe('unknown');
  });
});
