import type { Conversation } from '@introserv/shared';
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '../i18n/useT.js';
import type { EscalationDesk } from './escalation-desk.js';
import type { EscalationDialogProps } from './EscalationDialog.js';

let dialog: Promise<ComponentType<EscalationDialogProps>> | null = null;
/** The form's code loads on the first click: the chat view stays light. */
const loadDialog = () => (dialog ??= import('./EscalationDialog.js').then((m) => m.EscalationDialog));

/** "Escalate to ticket" in the chat's header, in an open chat and on a closed one. */
export function EscalateButton({ desk, conversation }: { desk: EscalationDesk; conversation: Conversation }) {
  const { t } = useT();
  const [Dialog, setDialog] = useState<ComponentType<EscalationDialogProps> | null>(null);
  const [open, setOpen] = useState(false);
  const show = () => {
    setOpen(true);
    void loadDialog().then((c) => setDialog(() => c));
  };
  return (
    <>
      <button type="button" class="btn" onClick={show} onPointerEnter={() => void loadDialog()} data-testid="escalate-button" aria-haspopup="dialog">
        {t('escalation.escalate')}
      </button>
      {open && Dialog && <Dialog desk={desk} conversation={conversation} onClose={() => setOpen(false)} />}
    </>
  );
}
