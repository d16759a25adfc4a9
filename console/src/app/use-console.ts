import type { SessionInfo } from '@introserv/shared';
import { ALERT_TONE, makeChime } from '@introserv/shared/client/chime';
import { safeStorage } from '@introserv/shared/client/storage';
import { TabLeader } from '@introserv/shared/client/tab-leader';
import { useEffect, useMemo } from 'preact/hooks';
import type { ConsoleApi } from '../api/endpoints.js';
import { escalationApi } from '../escalation/escalation-api.js';
import { EscalationDesk } from '../escalation/escalation-desk.js';
import { translate } from '../i18n/i18n.js';
import { Notifier } from '../notify/notifier.js';
import { connectOperatorSocket } from '../realtime/channel.js';
import { Workspace } from '../workspace/workspace.js';

/**
 * The signed-in console's long-lived parts, made once per operator and stopped when the
 * shell goes: the workspace (one socket, the conversations, the outbox), the notifier (sound,
 * desktop notifications and title, from one leading tab) and the escalation desk.
 */
export function useConsole(api: ConsoleApi, session: SessionInfo, onSessionExpired: () => void) {
  const storage = useMemo(() => safeStorage(() => window.localStorage), []);
  const workspace = useMemo(
    () =>
      new Workspace({
        api,
        socket: connectOperatorSocket(),
        operator: session.operator,
        status: session.status,
        onSessionExpired,
        storage,
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
          beep: makeChime(ALERT_TONE),
          storage,
          leader: new TabLeader('introserv-console-notifications', { storage }),
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
  return { workspace, notifier, desk };
}
