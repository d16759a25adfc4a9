import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { adoptCss } from '../../adopt-css.js';
import type { ChatState } from '../connection/chat-state.js';
import type { Translate } from '../i18n/i18n.js';
import type { OfflineContext } from './leave-message-api.js';
import type { LeaveMessageFormProps } from './LeaveMessageForm.js';
import { leaveMessageOffer } from './offline-gate.js';
import css from './offline.css?inline';

let form: Promise<ComponentType<LeaveMessageFormProps>> | null = null;
/** The form is a chunk of its own: the chat costs nothing more until someone needs it. */
const loadForm = () => (form ??= import('./LeaveMessageForm.js').then((m) => m.LeaveMessageForm));

const adopted = new WeakSet<Node>();

/**
 * Offers the leave-a-message form when no operator is online, or when nobody answered
 * within the site's wait (`leaveMessageAfterSeconds` of its widget settings); the form replaces the conversation (the `.leave-open ~` rules
 * hide the log and the composer beside it) until the visitor goes back.
 */
export function LeaveMessage({ context, state, afterSeconds, t }: { context: OfflineContext; state: ChatState; afterSeconds: number; t: Translate }) {
  const [now, setNow] = useState(Date.now);
  const [Form, setForm] = useState<ComponentType<LeaveMessageFormProps> | null>(null);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const { reason, recheckAt } = leaveMessageOffer(state, afterSeconds, now);

  useEffect(() => {
    const root = ref.current?.getRootNode();
    if (root instanceof ShadowRoot && !adopted.has(root)) {
      adopted.add(root);
      adoptCss(root, css);
    }
  });
  useEffect(() => {
    if (recheckAt === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, recheckAt - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [recheckAt]);

  const show = () => {
    setOpen(true);
    void loadForm().then((c) => setForm(() => c));
  };

  if (open && Form) {
    return (
      <div ref={ref} class="leave leave-open" data-testid="leave-message">
        <Form context={context} state={state} t={t} onBack={() => setOpen(false)} />
      </div>
    );
  }
  if (!reason) return <div ref={ref} hidden />;
  return (
    <div ref={ref} class="leave-offer" data-testid="leave-offer" data-reason={reason}>
      <p>{reason === 'offline' ? t('offline.offer') : t('offline.offerWaited')}</p>
      <button type="button" class="leave-button" onClick={show} data-testid="leave-open">
        {t('offline.open')}
      </button>
    </div>
  );
}
