import type { CannedResponse, Message, SessionInfo } from '@introserv/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/endpoints.js';
import { cannedApi } from '../canned/canned-api.js';
import { ChatView } from '../chat/ChatView.js';
import { fetchColleagues } from '../chat/colleagues-api.js';
import { TransferDialog } from '../chat/TransferDialog.js';
import { useLiveChat } from '../chat/use-live-chat.js';
import { VisitorDetails } from '../chat/VisitorDetails.js';
import { visitorApi } from '../chat/visitor-api.js';
import { ConversationList, listOrder } from '../conversations/ConversationList.js';
import { sections } from '../conversations/store.js';
import { translate } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import { leaderLock, makeBeep, Notifier } from '../notify/notifier.js';
import { NotifyControls } from '../notify/NotifyControls.js';
import { connectOperatorSocket } from '../realtime/channel.js';
import { Header } from './Header.js';
import { KeyboardHelp } from './KeyboardHelp.js';
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

/** On a phone one pane shows at a time; on a tablet the details open over the chat. */
type Pane = 'list' | 'chat' | 'details';

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
        loadConfig: () => api.client.call('consoleConfig.get'),
      }),
    [api, session.operator.id],
  );
  const notifier = useMemo(
    () =>
      new Notifier(
        workspace,
        {
          document,
          focusWindow: () => window.focus(),
          Notification: typeof Notification === 'undefined' ? undefined : Notification,
          beep: makeBeep(),
          storage: safeLocalStorage(),
          leadership: leaderLock(),
        },
        translate,
      ),
    [workspace],
  );
  useEffect(() => {
    workspace.start();
    notifier.start();
    return () => {
      notifier.stop();
      workspace.stop();
    };
  }, [workspace, notifier]);
  const desk = useMemo(() => new EscalationDesk(escalationApi(api.client), workspace.channel.socket), [workspace]);
  useEffect(() => {
    desk.start();
    return () => desk.stop();
  }, [desk]);

  const visitors = useMemo(() => visitorApi(api.client), [api]);
  const ui = useSignal(workspace.ui);
  const state = useSignal(workspace.store);
  const unread = useSignal(workspace.unread);
  const config = useSignal(workspace.config);
  useSignal(workspace.outbox.pending);
  const grouped = useMemo(() => sections(state, session.operator.id), [state.conversations, session.operator.id]);
  const selected = ui.selectedId ? state.conversations[ui.selectedId] : undefined;
  const live = useLiveChat(workspace, api.client, selected, selected ? (state.histories[selected.id]?.messages ?? NO_MESSAGES) : NO_MESSAGES);
  const [route, go] = useRoute();
  const pages = PAGES.filter((p) => !p.adminOnly || session.operator.role === 'admin');
  const page = pages.find((p) => p.id === route);
  const [pane, setPane] = useState<Pane>('list');
  const [transferring, setTransferring] = useState(false);
  const [help, setHelp] = useState(false);
  const [canned, setCanned] = useState<CannedResponse[]>([]);

  // Canned responses change on their page: read them again whenever the chats come back.
  useEffect(() => {
    if (page) return;
    let current = true;
    cannedApi(api.client)
      .list()
      .then(
        (list) => {
          if (current) setCanned(list);
        },
        () => {},
      );
    return () => {
      current = false;
    };
  }, [api, page?.id]);

  const select = (id: string): void => {
    workspace.select(id);
    setPane('chat');
  };

  // The keyboard: Alt + a key, so that typing in the message box is never taken over.
  useEffect(() => {
    if (page) return;
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const current = workspace.ui.value.selectedId ? workspace.store.value.conversations[workspace.ui.value.selectedId] : undefined;
      const mine = current?.status === 'assigned' && current.operator?.id === session.operator.id;
      switch (e.code) {
        case 'ArrowDown':
        case 'ArrowUp':
          workspace.selectNext(listOrder(sections(workspace.store.value, session.operator.id)), e.code === 'ArrowDown' ? 1 : -1);
          setPane('chat');
          break;
        case 'KeyA':
          if (current?.status === 'queued') void workspace.accept();
          break;
        case 'KeyC':
          if (mine) void workspace.close();
          break;
        case 'KeyT':
          if (current && (mine || current.status === 'queued')) setTransferring(true);
          break;
        case 'KeyM':
          document.getElementById('composer-input')?.focus();
          break;
        case 'KeyH':
          setHelp(true);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [workspace, page?.id]);

  return (
    <div class="app">
      <Header
        operator={session.operator}
        connection={ui.connection}
        presence={ui.presence}
        onPresence={(status) => void workspace.setPresence(status)}
        onLogout={onLogout}
      />
      <nav class="pagenav" aria-label={t('nav.label')}>
        {[{ id: CHATS, label: 'nav.chats' as const }, ...pages].map((p) => (
          <a
            key={p.id}
            href={p.id === CHATS ? '#' : `#/${p.id}`}
            data-testid={`nav-${p.id}`}
            aria-current={(page?.id ?? CHATS) === p.id ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              go(p.id);
            }}
          >
            {t(p.label)}
          </a>
        ))}
        <span class="pagenav-tools">
          <NotifyControls notifier={notifier} />
          <button type="button" class="btn btn-small" data-testid="keyboard-help-button" title={t('keys.open')} aria-label={t('keys.open')} onClick={() => setHelp(true)}>
            ⌨
          </button>
        </span>
      </nav>
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
        <div class="panes" data-pane={selected ? pane : 'list'} data-testid="panes">
          <ConversationList
            sections={grouped}
            selectedId={ui.selectedId}
            onSelect={select}
            unread={unread}
            departments={config.departments}
            waitAlertSeconds={config.waitAlertSeconds}
          />
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
                onSend={(text, files) => {
                  live.sent();
                  workspace.send(text, files);
                }}
                typing={live.typing}
                onDraft={live.onDraft}
                uploads={live.uploads}
                onRetry={(id) => workspace.outbox.retry(id)}
                onDiscard={(id) => workspace.outbox.discard(id)}
                onDismissError={() => workspace.dismissError()}
                onReopen={() => void workspace.reopen()}
                onTransfer={() => setTransferring(true)}
                onSendNote={(text) => workspace.sendNote(text)}
                canned={canned}
                departments={config.departments}
                onBack={() => setPane('list')}
                onShowDetails={() => setPane('details')}
                extensions={{ actions: <EscalateButton desk={desk} conversation={selected} />, bar: <EscalationBar desk={desk} conversation={selected} /> }}
              />
              <VisitorDetails conversation={selected} api={visitors} departments={config.departments} onOpen={(c) => workspace.open(c)} onHide={() => setPane('chat')} />
            </>
          ) : (
            <main class="chat chat-empty">
              <p class="muted">{t('chat.empty')}</p>
            </main>
          )}
        </div>
      )}
      {transferring && selected && (
        <TransferDialog
          conversation={selected}
          operatorId={session.operator.id}
          departments={config.departments}
          loadColleagues={() => fetchColleagues(api.client)}
          busy={ui.busy === 'transfer'}
          onCancel={() => setTransferring(false)}
          onTransfer={(to, note) => {
            // Done or refused, the dialog closes: a refusal shows above the chat with its reason.
            void workspace.transfer(to, note).then(() => setTransferring(false));
          }}
        />
      )}
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

const NO_MESSAGES: readonly Message[] = [];

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
