import { describe, expect, it } from 'vitest';
import { conversation, message } from '../testing/fixtures.js';
import { addMessages, applyAssigned, emptyState, lastCursor, replaceConversations, sections, upsertConversation } from './store.js';

const ana = { id: 'op_ana', name: 'Ana' };
const ivo = { id: 'op_ivo', name: 'Ivo' };

describe('upsertConversation', () => {
  it('inserts, replaces with newer snapshots and ignores older ones', () => {
    let s = upsertConversation(emptyState, conversation({ id: 'c1', updatedAt: 10 }));
    expect(s.conversations.c1?.status).toBe('queued');

    s = upsertConversation(s, conversation({ id: 'c1', status: 'assigned', operator: ana, updatedAt: 20 }));
    expect(s.conversations.c1).toMatchObject({ status: 'assigned', operator: ana });

    const stale = upsertConversation(s, conversation({ id: 'c1', status: 'queued', updatedAt: 15 }));
    expect(stale).toBe(s);
    expect(stale.conversations.c1?.status).toBe('assigned');
  });

  it('replaceConversations drops rows the server no longer lists but keeps newer local copies', () => {
    let s = upsertConversation(emptyState, conversation({ id: 'gone', updatedAt: 1 }));
    s = upsertConversation(s, conversation({ id: 'c1', status: 'closed', updatedAt: 50 }));
    s = replaceConversations(s, [conversation({ id: 'c1', status: 'assigned', operator: ana, updatedAt: 40 }), conversation({ id: 'c2' })]);
    expect(Object.keys(s.conversations).sort()).toEqual(['c1', 'c2']);
    expect(s.conversations.c1?.status).toBe('closed');
  });
});

describe('applyAssigned', () => {
  it('moves a queued conversation to the operator who took it', () => {
    const s = applyAssigned(upsertConversation(emptyState, conversation({ id: 'c1' })), { conversationId: 'c1', operator: ivo });
    expect(s.conversations.c1).toMatchObject({ status: 'assigned', operator: ivo });
  });

  it('ignores unknown and closed conversations', () => {
    expect(applyAssigned(emptyState, { conversationId: 'nope', operator: ivo })).toBe(emptyState);
    const closed = upsertConversation(emptyState, conversation({ id: 'c1', status: 'closed' }));
    expect(applyAssigned(closed, { conversationId: 'c1', operator: ivo })).toBe(closed);
  });
});

describe('addMessages and lastCursor', () => {
  it('only trusts the last cursor once a watch returned the full history', () => {
    let s = upsertConversation(emptyState, conversation({ id: 'c1' }));
    s = addMessages(s, 'c1', [message('c1', '1700000000009-0')]);
    expect(lastCursor(s, 'c1')).toBeUndefined();

    s = addMessages(s, 'c1', [message('c1', '1700000000001-0'), message('c1', '1700000000002-0')], true);
    expect(s.histories.c1?.messages.map((m) => m.cursor)).toEqual(['1700000000001-0', '1700000000002-0', '1700000000009-0']);
    expect(lastCursor(s, 'c1')).toBe('1700000000009-0');
  });

  it('keeps the preview on the latest text or note: a system event does not replace it', () => {
    let s = upsertConversation(emptyState, conversation({ id: 'c1' }));
    s = addMessages(s, 'c1', [
      message('c1', '1700000000100-0', { text: 'x'.repeat(500), author: { kind: 'visitor' } }),
      message('c1', '1700000000200-0', { kind: 'system', author: { kind: 'system' }, text: '', event: { type: 'closed', by: 'idle', operator: null } }),
    ]);
    expect(s.conversations.c1?.lastMessage).toEqual({ text: 'x'.repeat(200), authorKind: 'visitor', kind: 'text', at: 1700000000100 });
    s = addMessages(s, 'c1', [message('c1', '1700000000300-0', { kind: 'note', author: { kind: 'operator', id: 'op_ana' }, text: 'VIP' })]);
    expect(s.conversations.c1?.lastMessage).toMatchObject({ text: 'VIP', kind: 'note' });
  });

  it('updates the list preview from the newest message', () => {
    let s = upsertConversation(emptyState, conversation({ id: 'c1' }));
    s = addMessages(s, 'c1', [message('c1', '1700000000100-0', { text: 'Server is down', author: { kind: 'visitor' } })]);
    expect(s.conversations.c1?.lastMessage).toEqual({ text: 'Server is down', authorKind: 'visitor', kind: 'text', at: 1700000000100 });
  });
});

describe('sections', () => {
  it('splits queued (oldest first), mine, others and closed', () => {
    let s = emptyState;
    for (const c of [
      conversation({ id: 'q-new', createdAt: 300 }),
      conversation({ id: 'q-old', createdAt: 100 }),
      conversation({ id: 'mine-a', status: 'assigned', operator: ana, updatedAt: 10 }),
      conversation({ id: 'mine-b', status: 'assigned', operator: ana, updatedAt: 20 }),
      conversation({ id: 'theirs', status: 'assigned', operator: ivo }),
      conversation({ id: 'done', status: 'closed', operator: ana }),
    ])
      s = upsertConversation(s, c);

    const out = sections(s, ana.id);
    expect(out.waiting.map((c) => c.id)).toEqual(['q-old', 'q-new']);
    expect(out.mine.map((c) => c.id)).toEqual(['mine-b', 'mine-a']);
    expect(out.others.map((c) => c.id)).toEqual(['theirs']);
    expect(out.closed.map((c) => c.id)).toEqual(['done']);
  });

  it('moves a row from waiting to mine when a conversation:updated fact says so', () => {
    let s = upsertConversation(emptyState, conversation({ id: 'c1', updatedAt: 1 }));
    expect(sections(s, ana.id).waiting).toHaveLength(1);
    s = upsertConversation(s, conversation({ id: 'c1', status: 'assigned', operator: ana, updatedAt: 2 }));
    expect(sections(s, ana.id).waiting).toHaveLength(0);
    expect(sections(s, ana.id).mine.map((c) => c.id)).toEqual(['c1']);
  });
});
