import { beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../stores.js';
import type { StoresFactory } from '../testing/store-fixtures.js';
import type { NewLocalTicket } from './ticket.store.js';

const ticket = (over: Partial<NewLocalTicket> = {}): NewLocalTicket => ({
  subject: 'VPS unreachable [LC0123456789]',
  department: 'technical',
  priority: 'high',
  requester: { kind: 'guest', name: 'Ivo', email: 'ivo@example.com', userId: null },
  escalationId: 'e_1',
  conversationId: 'c_1',
  createdAt: 1_700_000_000_000,
  body: 'Incident…',
  files: [{ name: 'transcript.txt', type: 'text/plain; charset=utf-8', size: 5, text: 'hello' }],
  ...over,
});

export function ticketContract(makeStores: StoresFactory): void {
  describe('TicketStore', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await makeStores();
    });

    it('files a ticket once per key under the first free number', async () => {
      const first = await stores.tickets.create('e_1', ticket(), ['#100001', '#100002']);
      expect(first).toMatchObject({ created: true, ticket: { number: '#100001', subject: 'VPS unreachable [LC0123456789]' } });
      expect(await stores.tickets.create('e_1', ticket({ subject: 'again' }), ['#100009'])).toMatchObject({ created: false, ticket: { number: '#100001', subject: 'VPS unreachable [LC0123456789]' } });
      expect(await stores.tickets.create('e_2', ticket({ escalationId: 'e_2' }), ['#100001', '#100002'])).toMatchObject({ created: true, ticket: { number: '#100002' } });
      expect(await stores.tickets.create('e_3', ticket(), ['#100001', '#100002'])).toBeNull();
    });

    it('finds a ticket by its number with or without #, and lists newest first', async () => {
      await stores.tickets.create('e_a', ticket({ createdAt: 1 }), ['#200001']);
      await stores.tickets.create('e_b', ticket({ createdAt: 3 }), ['#200002']);
      await stores.tickets.create('e_c', ticket({ createdAt: 2 }), ['#200003']);
      expect(await stores.tickets.get('200001')).toMatchObject({ number: '#200001', files: [{ name: 'transcript.txt', text: 'hello' }] });
      expect(await stores.tickets.get('#200002')).toMatchObject({ number: '#200002' });
      expect(await stores.tickets.get('#999999')).toBeNull();
      expect((await stores.tickets.list(2)).map((t) => t.number)).toEqual(['#200002', '#200003']);
    });
  });
}
