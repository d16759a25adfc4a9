import { describe, expect, it } from 'vitest';
import { connectionContext } from './client-address.js';

describe('connectionContext', () => {
  const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156', 'x-forwarded-for': '198.51.100.1, 203.0.113.9', 'cf-ipcountry': 'hr' };

  it('takes the peer address and ignores forwarded headers without a trusted proxy', () => {
    expect(connectionContext(headers, '::ffff:10.0.0.5', 0)).toEqual({ userAgent: headers['user-agent'], ip: '10.0.0.5', country: null });
  });

  it('counts trusted proxies from the right, as Express does, and reads the country they set', () => {
    expect(connectionContext(headers, '10.0.0.5', 1)).toMatchObject({ ip: '203.0.113.9', country: 'HR' });
    expect(connectionContext(headers, '10.0.0.5', 2)).toMatchObject({ ip: '198.51.100.1' });
    expect(connectionContext({ 'x-country-code': 'XX' }, '10.0.0.5', 1)).toEqual({ userAgent: null, ip: '10.0.0.5', country: null });
  });
});
