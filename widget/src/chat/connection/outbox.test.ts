import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from './outbox.js';

const KEY = 'introserv-chat:introserv:outbox';

describe('Outbox', () => {
  beforeEach(() => localStorage.clear());

  it('persists entries so that a new page load sees them in order', () => {
    const outbox = new Outbox(localStorage, KEY);
    outbox.add({ id: 'aaaaaaaa-1', text: 'first', createdAt: 1 });
    outbox.add({ id: 'aaaaaaaa-2', text: 'second', createdAt: 2 });

    const reloaded = new Outbox(localStorage, KEY);
    expect(reloaded.list().map((e) => e.text)).toEqual(['first', 'second']);
  });

  it('adds an id only once', () => {
    const outbox = new Outbox(localStorage, KEY);
    outbox.add({ id: 'aaaaaaaa-1', text: 'first', createdAt: 1 });
    outbox.add({ id: 'aaaaaaaa-1', text: 'first again', createdAt: 2 });
    expect(outbox.list()).toEqual([{ id: 'aaaaaaaa-1', text: 'first', createdAt: 1 }]);
  });

  it('removes an entry from memory and storage, and clears the key when empty', () => {
    const outbox = new Outbox(localStorage, KEY);
    outbox.add({ id: 'aaaaaaaa-1', text: 'first', createdAt: 1 });
    outbox.add({ id: 'aaaaaaaa-2', text: 'second', createdAt: 2 });
    expect(outbox.remove('aaaaaaaa-1')?.text).toBe('first');
    expect(new Outbox(localStorage, KEY).list().map((e) => e.id)).toEqual(['aaaaaaaa-2']);
    outbox.remove('aaaaaaaa-2');
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(outbox.remove('aaaaaaaa-2')).toBeUndefined();
  });

  it('ignores corrupted or foreign storage content', () => {
    localStorage.setItem(KEY, '{not json');
    expect(new Outbox(localStorage, KEY).list()).toEqual([]);
    localStorage.setItem(KEY, JSON.stringify([{ id: 'ok-000001', text: 'kept', createdAt: 1 }, { id: 5 }, 'x']));
    expect(new Outbox(localStorage, KEY).list().map((e) => e.text)).toEqual(['kept']);
  });
});
