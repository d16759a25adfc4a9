import { isolate, type Language, type StatusNotice, type WidgetSettings } from '@introserv/shared/client';
import { useRef, useState } from 'preact/hooks';
import type { ChatState, Profile } from '../connection/chat-state.js';
import type { VisitorChat } from '../connection/visitor-chat.js';
import type { FileAccess, Uploads } from '../files/files.js';
import type { Translate } from '../i18n/i18n.js';
import { LeaveMessage } from '../offline/LeaveMessage.js';
import type { OfflineContext } from '../offline/leave-message-api.js';
import { Composer } from './Composer.js';
import { BellIcon, CloseIcon, EndIcon } from './icons.js';
import { loadEnd, loadFiles, useModule } from './lazy.js';
import { MessageList } from './MessageList.js';
import { PreChatForm } from './PreChatForm.js';
import { useChat } from './use-chat.js';

export function statusText(state: ChatState, t: Translate, greeting?: string): string {
  if (state.connection === 'offline') return t('status.offline');
  if (state.connection === 'connecting') return t('status.connecting');
  const conversation = state.conversation;
  switch (conversation?.status) {
    case 'queued':
      return t('status.waiting');
    case 'assigned':
      // Its own sentence without a name: "Operator {{name}}" with the fallback word read "Operator Operator".
      return conversation.operator?.name ? t('status.joined', { name: isolate(conversation.operator.name) }) : t('status.joinedNoName');
    case 'closed':
      return t('status.closed');
    default:
      return greeting || t('status.greeting');
  }
}

/** The place in line and the estimated wait, while the conversation waits. */
export function queueText(state: ChatState, t: Translate): string | null {
  const { queue, conversation } = state;
  if (!queue || conversation?.status !== 'queued' || queue.conversationId !== conversation.id) return null;
  const place = t('status.queue', { position: queue.position });
  if (queue.etaSeconds === null) return place;
  const eta = queue.etaSeconds < 60 ? t('status.etaSoon') : t('status.eta', { minutes: Math.round(queue.etaSeconds / 60) });
  return `${place} · ${eta}`;
}

/** The notice in the visitor's language, else English, else whichever language it was written in. */
export function noticeText(notice: StatusNotice, language: Language): string {
  return notice.text[language] ?? notice.text.en ?? Object.values(notice.text)[0] ?? '';
}

/** Whether the admin's pre-chat form asks anything of this visitor. */
export function asksBeforeChat(settings: WidgetSettings, departmentFixed: boolean): boolean {
  const { name, email, department } = settings.preChat;
  return name !== 'off' || email !== 'off' || (department && !departmentFixed && settings.departments.length > 1);
}

/** What can take focus in the panel, in order, for the Tab trap. */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([type="file"]):not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

interface Props {
  chat: VisitorChat;
  t: Translate;
  language: Language;
  settings: WidgetSettings;
  access: FileAccess;
  /** `data-department` is set: the form does not ask for one. */
  departmentFixed: boolean;
  sound: boolean;
  onSound: (on: boolean) => void;
  onClose: () => void;
  /** The leave-a-message offer and form need the server and the site. */
  offline?: OfflineContext;
}

/**
 * The open chat: header, the status notice, where the conversation stands (with the place
 * in line while waiting), the pre-chat form or the conversation, the operator typing, the
 * composer, and when the chat has ended, its rating and transcript. A dialog that keeps the
 * keyboard in itself: Tab cycles, Escape closes.
 */
export function Panel({ chat, t, language, settings, access, departmentFixed, sound, onSound, onClose, offline }: Props) {
  const state = useChat(chat);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [dropping, setDropping] = useState(false);
  const [, redraw] = useState(0);
  const uploads = useRef<Uploads | null>(null);
  const end = useModule(loadEnd, state.conversation?.status === 'closed');
  const conversation = state.conversation;
  const open = conversation && conversation.status !== 'closed';
  const queue = queueText(state, t);

  const addFiles = (files: File[]): void => {
    void loadFiles().then((m) => {
      uploads.current ??= new m.Uploads(access, settings.uploadMaxBytes, t, () => redraw((n) => n + 1));
      uploads.current.add(files);
    });
  };
  const files = useModule(loadFiles, uploads.current !== null);
  /** The text with the files uploaded so far; nothing goes while a file is still on its way. */
  const send = (text: string): boolean => {
    const pending = uploads.current;
    if (pending?.busy) return false;
    const ready = pending?.items.flatMap((d) => (d.attachment ? [d.attachment] : [])) ?? [];
    if (!chat.send(text, ready)) return false;
    pending?.take();
    return true;
  };

  const preChat = asksBeforeChat(settings, departmentFixed) && !conversation && !state.profile && state.identity !== 'verified' && !state.messages.length;
  const body = preChat ? (
    state.connection === 'online' ? (
      <PreChatForm
        t={t}
        language={language}
        preChat={settings.preChat}
        departments={settings.departments}
        departmentFixed={departmentFixed}
        initial={state.profile}
        onSubmit={(profile: Profile) => chat.setProfile(profile)}
      />
    ) : (
      <div class="log" />
    )
  ) : (
    <>
      <MessageList
        messages={state.messages}
        t={t}
        language={language}
        access={access}
        onRetry={(id) => chat.retry(id)}
        footer={
          conversation?.status === 'closed' && end ? (
            <end.EndOfChat
              chat={chat}
              conversationId={conversation.id}
              rated={conversation.rating ?? null}
              access={access}
              language={language}
              transcriptEmail={settings.transcriptEmail}
              email={state.profile?.email ?? ''}
              t={t}
            />
          ) : null
        }
      />
      {state.operatorTyping !== null && (
        <p class="typing" data-testid="operator-typing">
          {state.operatorTyping ? t('typing.operator', { name: isolate(state.operatorTyping) }) : t('typing.someone')}
        </p>
      )}
      <Composer
        t={t}
        onSend={send}
        onDraft={(text) => chat.typing(text)}
        onFiles={addFiles}
        files={files && uploads.current ? <files.PendingFiles uploads={uploads.current} t={t} /> : null}
      />
    </>
  );

  return (
    <section
      class={`panel${dropping ? ' dropping' : ''}`}
      data-testid="panel"
      role="dialog"
      aria-label={t('panel.dialog')}
      lang={language}
      // The widget's languages are all written left to right, whatever the host page's direction.
      dir="ltr"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          if (confirmEnd) setConfirmEnd(false);
          else onClose();
        } else if (e.key === 'Tab') trapFocus(e);
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(e) => {
        const dropped = Array.from(e.dataTransfer?.files ?? []);
        setDropping(false);
        if (!dropped.length) return;
        e.preventDefault();
        addFiles(dropped);
      }}
    >
      <header class="head">
        <div class="heading">
          <h2 class="title">{t('panel.title')}</h2>
          <p class="subtitle">{t('panel.subtitle')}</p>
        </div>
        <button type="button" class="icon-button" data-testid="sound-toggle" aria-pressed={sound} aria-label={t('panel.sound')} title={t('panel.sound')} onClick={() => onSound(!sound)}>
          <BellIcon on={sound} />
        </button>
        {open && (
          <button type="button" class="icon-button" data-testid="end-chat" aria-label={t('panel.endChat')} title={t('panel.endChat')} onClick={() => setConfirmEnd(true)}>
            <EndIcon />
          </button>
        )}
        <button type="button" class="icon-button" data-testid="panel-close" aria-label={t('panel.close')} title={t('panel.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {settings.notice && (
        <p class="notice" data-testid="status-notice" data-kind={settings.notice.kind}>
          <strong>{t(`notice.${settings.notice.kind}`)}:</strong> {noticeText(settings.notice, language)}
        </p>
      )}
      <p class="status" data-testid="conversation-status" data-connection={state.connection} role="status">
        {statusText(state, t, settings.greeting[language])}
        {queue && (
          <span class="queue" data-testid="queue-position">
            {queue}
          </span>
        )}
      </p>
      {confirmEnd && open && (
        <div class="confirm" role="group" aria-labelledby="confirm-end" data-testid="confirm-end">
          <span id="confirm-end">{t('end.confirm')}</span>
          <button
            type="button"
            class="primary"
            onClick={() => {
              setConfirmEnd(false);
              void chat.close();
            }}
          >
            {t('end.yes')}
          </button>
          <button type="button" onClick={() => setConfirmEnd(false)}>
            {t('end.no')}
          </button>
        </div>
      )}
      {offline && <LeaveMessage context={offline} state={state} afterSeconds={settings.leaveMessageAfterSeconds} t={t} />}
      {body}
      {dropping && (
        <div class="drop" aria-hidden="true">
          {t('files.drop')}
        </div>
      )}
    </section>
  );
}

/** Keeps Tab and Shift+Tab inside the panel: from the last control to the first, and back. */
function trapFocus(e: KeyboardEvent): void {
  const panel = e.currentTarget as HTMLElement;
  const focusable = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.closest('[hidden]'));
  const first = focusable[0];
  const last = focusable.at(-1);
  const active = (panel.getRootNode() as ShadowRoot | Document).activeElement;
  if (!first || !last) return;
  if (e.shiftKey && (active === first || !panel.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}
