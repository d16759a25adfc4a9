import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

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
