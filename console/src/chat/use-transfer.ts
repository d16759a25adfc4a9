import type { Colleague, Conversation, ConversationTransfer, Department } from '@introserv/shared';
import { LIMITS } from '@introserv/shared/client';
import { useEffect, useState } from 'preact/hooks';

export interface TransferOptions {
  conversation: Conversation;
  /** The signed-in operator: not a transfer target. */
  operatorId: string;
  departments: readonly Department[];
  loadColleagues: () => Promise<Colleague[]>;
  busy: boolean;
  onTransfer: (to: ConversationTransfer['to'], note: string | undefined) => void;
}

export interface TransferForm {
  kind: 'operator' | 'department';
  /** Switches between a colleague and a department, forgetting the choice made in the other. */
  setKind: (kind: 'operator' | 'department') => void;
  target: string;
  setTarget: (target: string) => void;
  note: string;
  setNote: (note: string) => void;
  /** The colleagues, once loaded: those online first, then those who serve the chat's department and speak its language, then the least busy. Null while loading. */
  colleagues: Colleague[] | null;
  /** The departments it can go to (a waiting chat is already in its own). */
  choices: readonly Department[];
  /** A target is chosen, nothing is on its way, and the note fits. */
  ready: boolean;
  submit: () => void;
}

/** The transfer dialog's state: where the chat goes, with a note only operators will read. */
export function useTransfer({ conversation: c, operatorId, departments, loadColleagues, busy, onTransfer }: TransferOptions): TransferForm {
  const [loaded, setLoaded] = useState<Colleague[] | null>(null);
  const [kind, setKindState] = useState<'operator' | 'department'>('operator');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');

  useEffect(() => {
    let live = true;
    loadColleagues().then(
      (list) => {
        if (live) setLoaded(list);
      },
      () => {
        if (live) setLoaded([]);
      },
    );
    return () => {
      live = false;
    };
  }, [c.id]);

  const fits = (o: Colleague) => (o.departments.length === 0 || o.departments.includes(c.department)) && (o.languages.length === 0 || o.languages.includes(c.language));
  const colleagues =
    loaded
      ?.filter((o) => o.id !== operatorId)
      .sort((a, b) => Number(b.available) - Number(a.available) || Number(fits(b)) - Number(fits(a)) || a.load - b.load || a.name.localeCompare(b.name)) ?? null;
  const choices = departments.filter((d) => c.status !== 'queued' || d.id !== c.department);
  const ready = target !== '' && !busy && note.trim().length <= LIMITS.messageTextMax;

  return {
    kind,
    setKind: (next) => {
      setKindState(next);
      setTarget('');
    },
    target,
    setTarget,
    note,
    setNote,
    colleagues,
    choices,
    ready,
    submit: () => {
      if (!ready) return;
      const trimmed = note.trim();
      onTransfer(kind === 'operator' ? { type: 'operator', operatorId: target } : { type: 'department', department: target }, trimmed || undefined);
    },
  };
}
