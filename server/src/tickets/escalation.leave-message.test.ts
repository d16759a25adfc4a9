import { AppError, type LeaveMessageInput } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import type { Stores } from '../stores.js';
import { storeBackends } from '../testing/store-backends.js';
import { uid } from '../testing/store-fixtures.js';
import { EscalationService, type EscalationPorts } from './escalation.service.js';

const backends = storeBackends('leave');

function service(stores: Stores, ports: Partial<EscalationPorts> = {}) {
  const { leaveMessageLimits } = loadConfig({});
  return new EscalationService(
    { ...stores, ...ports },
    { escalationUpdated: () => {}, messageCreated: () => {} },
    { kick: () => {} },
    createLogger('silent'),
    { provider: 'local', leaveMessageLimits },
  );
}

const input = (over: Partial<LeaveMessageInput> = {}): LeaveMessageInput => ({
  siteId: 'introserv',
  idempotencyKey: uid('leave-key-'),
  language: 'en',
  name: 'Ivo',
  email: 'ivo@example.com',
  department: 'technical',
  message: 'My server does not answer.',
  timeZone: 'Europe/Zagreb',
  ...over,
});

async function newVisitor(stores: Stores): Promise<string> {
  const id = uid('v_');
  await stores.visitors.create(uid('tok'), id);
  return id;
}

const settle = (p: Promise<{ created: boolean }>) =>
  p.then(
    (r) => (r.created ? 'created' : 'again'),
    (err: unknown) => (err instanceof AppError ? err.code : 'error'),
  );

describe.each(backends)('leave-a-message limits under a parallel burst (%s)', (_name, makeStores) => {
  it('files at most 20 per address per hour, however many visitors send at once', async () => {
    const stores = makeStores();
    const escalations = service(stores);
    const visitors = await Promise.all(Array.from({ length: 60 }, () => newVisitor(stores)));
    const outcomes = await Promise.all(visitors.map((v) => settle(escalations.leaveMessage(v, input(), '198.51.100.5'))));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(40);
  });

  it('files at most 3 per visitor per 10 minutes, and a resend of one filed costs nothing', async () => {
    const stores = makeStores();
    const escalations = service(stores);
    const visitor = await newVisitor(stores);
    const same = input();
    expect(await settle(escalations.leaveMessage(visitor, same, '198.51.100.6'))).toBe('created');
    // The same again (its answer was lost): the same message back, and it is not counted.
    expect(await settle(escalations.leaveMessage(visitor, same, '198.51.100.6'))).toBe('again');
    const outcomes = await Promise.all(Array.from({ length: 9 }, () => settle(escalations.leaveMessage(visitor, input(), '198.51.100.6'))));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(7);
  });

  it('gives the reservation back when the message could not be written', async () => {
    const stores = makeStores();
    let failures = 2;
    const flaky: EscalationPorts['escalations'] = Object.create(stores.escalations) as EscalationPorts['escalations'];
    flaky.create = (...args) => (failures-- > 0 ? Promise.reject(new Error('store down')) : stores.escalations.create(...args));
    const escalations = service(stores, { escalations: flaky });
    const visitor = await newVisitor(stores);
    expect(await settle(escalations.leaveMessage(visitor, input(), '198.51.100.7'))).toBe('error');
    expect(await settle(escalations.leaveMessage(visitor, input(), '198.51.100.7'))).toBe('error');
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await settle(escalations.leaveMessage(visitor, input(), '198.51.100.7')));
    expect(outcomes).toEqual(['created', 'created', 'created', 'RATE_LIMITED']);
  });
});
