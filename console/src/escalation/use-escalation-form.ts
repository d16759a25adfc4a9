import type { Conversation, Escalation, EscalationInput, EscalationProposal, IncidentTime, TicketDepartment, TicketPriority } from '@introserv/shared';
import { CET_ZONE, ErrorCode, cetName, formatInZone, wallClockToInstant } from '@introserv/shared/client';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ConsoleError } from '../api/errors.js';
import { useLoad, useRequest } from '../hooks/use-request.js';
import { useT } from '../i18n/useT.js';
import type { EscalationDesk } from './escalation-desk.js';

export interface EscalationFormOptions {
  desk: EscalationDesk;
  conversation: Conversation;
  onClose: () => void;
  /** A fresh idempotency key; injectable for tests. */
  newKey?: () => string;
}

export interface Form {
  department: TicketDepartment;
  priority: TicketPriority;
  subject: string;
  serverOrOrder: string;
  serviceName: string;
  date: string;
  time: string;
  timeZone: string;
  diagnostics: string;
  attachmentIds: string[];
  name: string;
  email: string;
}

const ownZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
};

function formOf(p: EscalationProposal): Form {
  return {
    department: p.department,
    priority: p.priority,
    subject: p.subject,
    serverOrOrder: p.incident.serverOrOrder,
    serviceName: p.incident.serviceName,
    date: p.incident.startedAt?.date ?? '',
    time: p.incident.startedAt?.time ?? '',
    timeZone: p.incident.startedAt?.timeZone ?? p.timeZone,
    diagnostics: p.incident.diagnostics,
    attachmentIds: p.attachments.map((a) => a.id),
    name: p.requester.name ?? '',
    email: p.requester.email ?? '',
  };
}

/** `= 08:15 CET`: the same moment in CET/CEST, or null while the time is incomplete or the zone unknown. */
export function inCet(date: string, time: string, timeZone: string): { date: string; time: string; zone: 'CET' | 'CEST' } | null {
  if (!date || !time) return null;
  const instant = wallClockToInstant(date, time, timeZone);
  const cet = instant === null ? null : formatInZone(instant, CET_ZONE);
  return cet && instant !== null ? { date: cet.date, time: cet.time, zone: cetName(instant) } : null;
}

/** Field issues by field: the server's (`contact.*` as one) and the form's own check. */
export type Issues = Record<string, string>;

/**
 * The Escalate to ticket form's state: pre-filled from the conversation (what the server found
 * in the visitor's messages), one idempotency key per form, so a double click or a resubmit
 * after a lost answer files one escalation, and another tab's escalation meanwhile is shown,
 * not duplicated.
 */
export function useEscalationForm({ desk, conversation, onClose, newKey = () => crypto.randomUUID() }: EscalationFormOptions) {
  const { t } = useT();
  const loaded = useLoad(() => desk.api.proposal(conversation.id), [desk, conversation.id]);
  const proposal = loaded.data;
  const [form, setForm] = useState<Form | null>(null);
  const [key, setKey] = useState(newKey);
  const [known, setKnown] = useState(0);
  const sending = useRequest();
  /** Set at once (state lands on the next render): a double click sends once. */
  const inFlight = useRef(false);
  const [issues, setIssues] = useState<Issues>({});
  const [existing, setExisting] = useState<Escalation[] | null>(null);

  useEffect(() => {
    if (!proposal) return;
    setForm(formOf(proposal));
    setKnown(proposal.escalations.length);
  }, [proposal]);

  const zones = useMemo(() => [...new Set([proposal?.timeZone, CET_ZONE, ownZone(), 'UTC'].filter((z): z is string => !!z))], [proposal?.timeZone]);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));

  const guest = proposal?.requester.kind === 'guest';
  const askContact = proposal ? (guest ? !proposal.requester.name || !proposal.requester.email : !proposal.requester.email) : false;

  /** Checks what the server cannot (a date without a time), then files the escalation once. */
  const submit = async (): Promise<void> => {
    if (!form || inFlight.current) return;
    if ((form.date === '') !== (form.time === '')) {
      setIssues({ 'incident.startedAt': t('escalation.bothDateAndTime') });
      return;
    }
    const startedAt: IncidentTime | null = form.date && form.time ? { date: form.date, time: form.time, timeZone: form.timeZone } : null;
    const input: EscalationInput = {
      idempotencyKey: key,
      known,
      department: form.department,
      priority: form.priority,
      subject: form.subject,
      incident: { serverOrOrder: form.serverOrOrder, serviceName: form.serviceName, startedAt, diagnostics: form.diagnostics },
      attachmentIds: form.attachmentIds,
      ...(askContact && (form.name || form.email) ? { contact: { name: form.name, email: form.email } } : {}),
    };
    inFlight.current = true;
    setIssues({});
    // Another tab's escalation and field issues are shown their own way, not as the error line.
    const handled = (e: ConsoleError) => e.code === ErrorCode.EscalationExists || !!e.issues?.length;
    const res = await sending.run(() => desk.api.escalate(conversation.id, input), { handled });
    if (res.ok) {
      desk.apply(res.value);
      onClose();
    } else if (res.error.code === ErrorCode.EscalationExists) {
      const list = await desk.api.list(conversation.id).catch(() => []);
      for (const x of list) desk.apply(x);
      setExisting(list);
    } else if (res.error.issues?.length) {
      setIssues(Object.fromEntries(res.error.issues.map((i) => [i.path.startsWith('contact') ? 'contact' : i.path, i.message])));
    }
    inFlight.current = false;
  };

  /** Deliberately a second ticket: the form now knows of the others, under a new key. */
  const another = () => {
    setKnown(existing?.length ?? known + 1);
    setKey(newKey());
    setExisting(null);
  };

  return {
    proposal,
    /** Why the proposal did not load. */
    loadError: loaded.error?.code ?? null,
    form,
    set,
    zones,
    /** The moment the incident started, in CET/CEST, once date, time and zone are known. */
    cet: form ? inCet(form.date, form.time, form.timeZone) : null,
    guest,
    /** The requester's name or e-mail is missing: the form asks for them. */
    askContact,
    busy: sending.busy,
    /** The last refusal that is not a field issue or another tab's escalation. */
    error: sending.error?.code ?? null,
    issues,
    /** Escalations another tab filed meanwhile (shown before a second ticket is made). */
    existing,
    submit,
    another,
  };
}
