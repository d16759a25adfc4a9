import { Socket } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, connectionContext } from './client-address.js';

describe('clientAddress: the same address Express gives req.ip', () => {
  const servers: Server[] = [];
  const urls = new Map<number, string>();
  beforeAll(async () => {
    for (const hops of [0, 1, 2]) {
      const app = express();
      app.set('trust proxy', hops);
      app.get('/', (req, res) => {
        res.json({ express: req.ip, ours: clientAddress(req, hops) });
      });
      const server = createServer(app);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      urls.set(hops, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    }
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  const headers = [undefined, '203.0.113.9', '198.51.100.1, 203.0.113.9', ' 198.51.100.1 ,203.0.113.9,10.0.0.1', 'garbage'];
  it.each([0, 1, 2])('agrees with trust proxy = %i for every X-Forwarded-For', async (hops) => {
    for (const xff of headers) {
      const res = await fetch(urls.get(hops)!, { headers: xff ? { 'x-forwarded-for': xff } : {} });
      const { express: theirs, ours } = (await res.json()) as { express: string; ours: string };
      expect(ours, `hops ${hops}, XFF ${xff}`).toBe(theirs);
    }
  });
});

describe('connectionContext: what the visitor panel shows of a connection', () => {
  const req = (headers: Record<string, string>, peer = '::ffff:10.0.0.5') => {
    const socket = new Socket();
    // The peer address a real TCP socket would report.
    Object.defineProperty(socket, 'remoteAddress', { value: peer });
    return { headers, socket };
  };
  const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156', 'x-forwarded-for': '198.51.100.1, 203.0.113.9', 'cf-ipcountry': 'hr' };

  it('takes the peer address and no country without a trusted proxy', () => {
    expect(connectionContext(req(headers), 0)).toEqual({ address: '::ffff:10.0.0.5', userAgent: headers['user-agent'], ip: '10.0.0.5', country: null });
  });

  it('takes the forwarded address and the country a trusted proxy set', () => {
    expect(connectionContext(req(headers), 1)).toMatchObject({ ip: '203.0.113.9', country: 'HR' });
    expect(connectionContext(req({ 'x-country-code': 'XX' }), 1)).toMatchObject({ userAgent: null, ip: '10.0.0.5', country: null });
  });
});
