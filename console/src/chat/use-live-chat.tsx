import type { Conversation, Message } from '@introserv/shared';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { useSignal } from '@introserv/shared/client/use-signal';
import type { Workspace } from '../workspace/workspace.js';
import { ReceiptReporter } from './receipts.js';
import { TypingPreview } from './TypingPreview.js';
import { TypingRelay } from './typing.js';
import { OperatorUploads, xhrSendFile } from './uploads.js';

export interface LiveChat {
  /** The visitor's live draft, for the chat view. */
  typing: ComponentChildren;
  /** The operator's reply changed. */
  onDraft: (text: string) => void;
  /** The operator sent: they stopped typing. */
  sent: () => void;
  uploads: OperatorUploads | null;
}

/**
 * What makes the selected chat live beyond its messages: the visitor's draft as they type,
 * the operator's typing told to the visitor, read receipts (the conversation on screen in
 * a visible tab counts as read), and the operator's file uploads for this conversation.
 */
export function useLiveChat(workspace: Workspace, client: ApiClient, selected: Conversation | undefined, messages: readonly Message[]): LiveChat {
  const typing = useMemo(() => new TypingRelay(workspace.channel), [workspace]);
  const receipts = useMemo(
    () =>
      new ReceiptReporter(workspace.channel, (id) => {
        const c = workspace.store.value.conversations[id];
        return c?.status === 'assigned' && c.operator?.id === workspace.operator.id;
      }),
    [workspace],
  );
  useEffect(() => {
    const stops = [typing.start(), receipts.start()];
    return () => {
      for (const stop of stops) stop();
    };
  }, [typing, receipts]);

  const id = selected?.id;
  const mine = selected?.status === 'assigned' && selected.operator?.id === workspace.operator.id;
  useEffect(() => {
    if (!id || !mine) return;
    const seen = (): void => {
      if (!document.hidden) receipts.seen(id, messages);
    };
    seen();
    document.addEventListener('visibilitychange', seen);
    return () => document.removeEventListener('visibilitychange', seen);
  }, [id, mine, messages]);
  // Leaving a conversation ends the "typing" shown to its visitor.
  useEffect(() => () => typing.stop(), [id]);

  const uploads = useMemo(() => (id ? new OperatorUploads(id, xhrSendFile(() => client.csrfToken)) : null), [id]);
  const drafts = useSignal(typing.drafts);
  return {
    typing: <TypingPreview draft={id ? drafts[id] : undefined} />,
    onDraft: (text) => {
      if (id && mine) typing.draft(id, text);
    },
    sent: () => typing.stop(),
    uploads,
  };
}
