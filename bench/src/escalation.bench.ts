/**
 * Escalation figures: click → ticket (POST to `escalation:updated` created) on the built-in help
 * desk and on WHMCS (a local server speaking its API), and how the outbox rides out a help desk
 * that is down for a while, with the production backoff. Prints JSON.
 * `pnpm --filter @introserv/bench bench:escalation` (~15 s).
 */
import { createMemoryStores, type Config } from '@introserv/server';
import { chatUnderway, escalationInput, operatorApi, startFakeWhmcs, startTestApp, until } from '@introserv/server/testing';
import type { Escalation } from '@introserv/shared';
import { performance } from 'node:perf_hooks';

const N = 40;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const ms = (n: number) => Math.round(n * 10) / 10;

async function clickToTicket(env: Record<string, string>, tune?: (c: Config) => Config) {
  const t = await startTestApp(createMemoryStores(), env, tune);
  try {
    const chat = await chatUnderway(t);
    const api = operatorApi(t.url, chat.op);
    const created = new Map<string, number>();
    chat.opSocket.on('escalation:updated', (e: Escalation) => {
      if (e.state === 'created' && !created.has(e.id)) created.set(e.id, performance.now());
    });
    const latencies: number[] = [];
    let known = 0;
    // The first few warm the JIT and the connections up; they are not counted.
    const WARM_UP = 5;
    for (let i = 0; i < N + WARM_UP; i++) {
      const start = performance.now();
      const res = await api.escalate(chat.conversationId, escalationInput({ known: known++ }));
      const { escalation } = (await res.json()) as { escalation: Escalation };
      await until(async () => created.get(escalation.id), (at) => at !== undefined, 10_000);
      if (i >= WARM_UP) latencies.push((created.get(escalation.id) ?? start) - start);
    }
    return { escalations: N, p50Ms: ms(pct(latencies, 50)), p95Ms: ms(pct(latencies, 95)), maxMs: ms(Math.max(...latencies)) };
  } finally {
    await t.close();
  }
}

const whmcs = await startFakeWhmcs();
const withWhmcs = { TICKET_PROVIDER: 'whmcs', WHMCS_URL: whmcs.url, WHMCS_IDENTIFIER: whmcs.identifier, WHMCS_SECRET: whmcs.secret };
try {
  const local = await clickToTicket({});
  const viaWhmcs = await clickToTicket(withWhmcs);

  // WHMCS down for 5 s with the production backoff (2 s base, doubling, jitter).
  const t = await startTestApp(createMemoryStores(), withWhmcs);
  let outage;
  try {
    const chat = await chatUnderway(t);
    const api = operatorApi(t.url, chat.op);
    whmcs.tickets.length = 0;
    await whmcs.down();
    const start = performance.now();
    await api.escalate(chat.conversationId, escalationInput());
    setTimeout(() => void whmcs.up(), 5_000);
    const [done] = await until(() => api.list(chat.conversationId), (l) => l[0]?.state === 'created', 60_000);
    outage = { downForMs: 5_000, attempts: done?.attempts, ticketsCreated: whmcs.tickets.length, clickToTicketMs: Math.round(performance.now() - start) };
  } finally {
    await t.close();
  }
  console.log(JSON.stringify({ bench: 'escalation', date: new Date().toISOString(), clickToTicket: { local, whmcs: viaWhmcs }, whmcsOutage: outage }, null, 2));
} finally {
  await whmcs.close();
}
