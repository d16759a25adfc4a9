import type { VisitorChat, ChatState } from '../connection/visitor-chat.js';
import type { Translate } from '../i18n/i18n.js';
import { LeaveMessage } from '../offline/LeaveMessage.js';
import type { OfflineContext } from '../offline/leave-message-api.js';
import { Composer } from './Composer.js';
import { CloseIcon } from './icons.js';
import { MessageList } from './MessageList.js';
import { useChat } from './use-chat.js';

export function statusText(state: ChatState, t: Translate): string {
  if (state.connection === 'offline') return t('status.offline');
  if (state.connection === 'connecting') return t('status.connecting');
  const conversation = state.conversation;
  switch (conversation?.status) {
    case 'queued':
      return t('status.waiting');
    case 'assigned':
      // Its own sentence without a name: "Operator {{name}}" with the fallback word read "Operator Operator".
      return conversation.operator?.name ? t('status.joined', { name: conversation.operator.name }) : t('status.joinedNoName');
    case 'closed':
      return t('status.closed');
    default:
      return t('status.greeting');
  }
}

interface Props {
  chat: VisitorChat;
  t: Translate;
  onClose: () => void;
  /** The leave-a-message offer and form need the server and the site. */
  offline?: OfflineContext;
}

export function Panel({ chat, t, onClose, offline }: Props) {
  const state = useChat(chat);

  return (
    <section
      class="panel"
      data-testid="panel"
      role="dialog"
      aria-label={t('panel.title')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header class="head">
        <div>
          <h2 class="title">{t('panel.title')}</h2>
          <p class="subtitle">{t('panel.subtitle')}</p>
        </div>
        <button type="button" class="icon-button" aria-label={t('panel.close')} title={t('panel.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <p class="status" data-testid="conversation-status" data-connection={state.connection} role="status">
        {statusText(state, t)}
      </p>
      {offline && <LeaveMessage context={offline} state={state} t={t} />}
      <MessageList messages={state.messages} t={t} onRetry={(id) => chat.retry(id)} />
      <Composer t={t} onSend={(text) => chat.send(text)} />
    </section>
  );
}
