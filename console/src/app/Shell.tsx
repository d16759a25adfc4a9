import type { SessionInfo } from '@introserv/shared';
import { useEffect, useMemo } from 'preact/hooks';
import type { ConsoleApi } from '../api/endpoints.js';
import { ChatView } from '../chat/ChatView.js';
import { VisitorDetails } from '../chat/VisitorDetails.js';
import { ConversationList } from '../conversations/ConversationList.js';
import { sections } from '../conversations/store.js';
import { useT } from '../i18n/useT.js';
import { connectOperatorSocket } from '../realtime/channel.js';
import { Header } from './Header.js';
import { PageHost } from './PageHost.js';
import { CHATS, PAGES, useRoute } from './pages.js';
import { useSignal } from './useSignal.js';
import { Workspace } from './workspace.js';
import { EscalationDesk } from '../escalation/escalation-desk.js';
import { escalationApi } from '../escalation/escalation-api.js';
import { EscalateButton } from '../escalation/EscalateButton.js';
import { EscalationAlerts } from '../escalation/EscalationAlerts.js';
import { EscalationBar } from '../escalation/EscalationBar.js';

export interface ShellProps {
  api: ConsoleApi;
  session: SessionInfo;
  onLogout: () => void;
  onSessionExpired: () => void;
}

/** The signed-in console: header, conversation list, chat, visitor details. */
export function Shell({ api, session, onLogout, onSessionExpired }: ShellProps) {
  const { t } = useT();
  const workspace = useMemo(
    () =>
      new Workspace({
        api,
        socket: connectOperatorSocket(),
        operator: session.operator,
        status: session.status,
        onSessionExpired,
        storage: safeLocalStorage(),
      }),
    [api, session.operator.id],
  );
  useEffect(() => {
    workspace.start();
    return () => workspace.stop();
  }, [workspace]);
  const desk = useMemo(() => new EscalationDesk(escalationApi(api.client), workspace.channel.socket), [workspace]);
  useEffect(() => {
    desk.start();
    return () => desk.stop();
  }, [desk]);

  const ui = useSignal(workspace.ui);
  const state = useSignal(workspace.store);
  useSignal(workspace.outbox.pending);
  const grouped = useMemo(() => sections(state, session.operator.id), [state.conversations, session.operator.id]);
  const selected = ui.selectedId ? state.conversations[ui.selectedId] : undefined;
  const [route, go] = useRoute();
  const pages = PAGES.filter((p) => !p.adminOnly || session.operator.role === 'admin');
  const page = pages.find((p) => p.id === route);

  return (
    <div class="app">
      <Header
        operator={session.operator}
        connection={ui.connection}
        presence={ui.presence}
        onPresence={(status) => void workspace.setPresence(status)}
        onLogout={onLogout}
      />
      {pages.length > 0 && (
        <nav class="pagenav" aria-label={t('nav.label')}>
          {[{ id: CHATS, label: 'nav.chats' as const }, ...pages].map((p) => (
            <a key={p.id} href={p.id === CHATS ? '#' : `#/${p.id}`} aria-current={(page?.id ?? CHATS) === p.id ? 'page' : undefined} onClick={(e) => {
                e.preventDefault();
                go(p.id);
              }}>
              {t(p.label)}
            </a>
          ))}
        </nav>
      )}
      <EscalationAlerts
        desk={desk}
        onOpen={(id) => {
          go(CHATS);
          workspace.select(id);
        }}
      />
      {page ? (
        <PageHost spec={page} props={{ api, session, workspace }} />
      ) : (
      <div class="panes">
        <ConversationList sections={grouped} selectedId={ui.selectedId} onSelect={(id) => workspace.select(id)} />
        {selected ? (
          <>
            <ChatView
              conversation={selected}
              messages={state.histories[selected.id]?.messages ?? []}
              pending={workspace.outbox.forConversation(selected.id)}
              operatorId={session.operator.id}
              loading={ui.loading}
              busy={ui.busy}
              error={ui.error}
              onAccept={() => void workspace.accept()}
              onClose={() => void workspace.close()}
              onSend={(text) => workspace.send(text)}
              onRetry={(id) => workspace.outbox.retry(id)}
              onDiscard={(id) => workspace.outbox.discard(id)}
              onDismissError={() => workspace.dismissError()}
              extensions={{ actions: <EscalateButton desk={desk} conversation={selected} />, bar: <EscalationBar desk={desk} conversation={selected} /> }}
            />
            <VisitorDetails conversation={selected} />
          </>
        ) : (
          <main class="chat chat-empty">
            <p class="muted">{t('chat.empty')}</p>
          </main>
        )}
      </div>
      )}
    </div>
  );
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
