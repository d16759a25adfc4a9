import { describe, expect, it } from 'vitest';
import { escalation, routedClient } from '../testing/escalation-fixtures.js';
import { FakeSocket } from '../testing/fakeSocket.js';
import { escalationApi } from './escalation-api.js';
import { applyEscalation, EscalationDesk } from './escalation-desk.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('EscalationDesk', () => {
  it('keeps a conversation’s escalations and the alert list live from escalation:updated', async () => {
    const failed = escalation({ id: 'e_old', conversationId: 'c9', state: 'failed', failure: { reason: 'rejected', detail: 'Department ID not found' } });
    const { client } = routedClient([
      { method: 'GET', path: '/api/escalations?attention=true', reply: () => ({ status: 200, body: { escalations: [failed] } }) },
      { method: 'GET', path: '/api/conversations/c1/escalations', reply: () => ({ status: 200, body: { escalations: [escalation({ id: 'e_1' })] } }) },
    ]);
    const socket = new FakeSocket();
    const desk = new EscalationDesk(escalationApi(client), socket.asSocket());
    desk.start();
    await settle();
    expect(desk.state.value.attention.map((e) => e.id)).toEqual(['e_old']);
    await desk.load('c1');
    expect(desk.state.value.byConversation.c1?.map((e) => e.state)).toEqual(['pending']);

    socket.fire('escalation:updated', escalation({ id: 'e_1', state: 'created', ticket: { number: '#123456', url: null }, updatedAt: 1_700_000_000_500 }));
    expect(desk.state.value.byConversation.c1?.map((e) => e.state)).toEqual(['created']);
    // An older snapshot (a late API answer) never undoes a newer fact.
    desk.apply(escalation({ id: 'e_1', state: 'pending', updatedAt: 1_700_000_000_100 }));
    expect(desk.state.value.byConversation.c1?.map((e) => e.state)).toEqual(['created']);

    socket.fire('escalation:updated', escalation({ id: 'e_old', conversationId: 'c9', state: 'pending', updatedAt: 1_700_000_000_900 }));
    expect(desk.state.value.attention).toEqual([]);
    desk.stop();
    socket.fire('escalation:updated', escalation({ id: 'e_2', state: 'failed' }));
    expect(desk.state.value.attention).toEqual([]);
  });

  it('adds an unknown conversation’s escalation to the alert only, and keeps lists in creation order', () => {
    let s = applyEscalation({ byConversation: { c1: [escalation({ id: 'e_b', createdAt: 2 })] }, attention: [] }, escalation({ id: 'e_a', createdAt: 1 }));
    expect(s.byConversation.c1?.map((e) => e.id)).toEqual(['e_a', 'e_b']);
    s = applyEscalation(s, escalation({ id: 'e_x', conversationId: 'c7', state: 'unconfirmed' }));
    expect(s.byConversation.c7).toBeUndefined();
    expect(s.attention.map((e) => e.id)).toEqual(['e_x']);
  });
});
