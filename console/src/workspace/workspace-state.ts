import type { ConsoleConfig, Conversation, Message, OperatorStatus } from '@introserv/shared';
import { BUILT_IN_DEPARTMENTS } from '@introserv/shared/client';
import type { ConsoleError } from '../api/errors.js';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface WorkspaceUi {
  selectedId: string | null;
  connection: ConnectionState;
  /** The last failed action, shown until the next one. */
  error: ConsoleError | null;
  busy: 'accept' | 'close' | 'transfer' | 'reopen' | null;
  /** The selected conversation's history is being fetched. */
  loading: boolean;
  /** `status`: what the server last said (at sign-in, on every connect, on every change); `pending`: a change on its way. */
  presence: { status: OperatorStatus | null; pending: OperatorStatus | null };
}

export const INITIAL_UI: WorkspaceUi = {
  selectedId: null,
  connection: 'connecting',
  error: null,
  busy: null,
  loading: false,
  presence: { status: null, pending: null },
};

/**
 * Something the operator should notice, whatever they are looking at: a chat started
 * waiting, one became theirs, or a visitor wrote in one of theirs.
 */
export type Activity =
  | { type: 'waiting'; conversation: Conversation }
  | { type: 'assigned'; conversation: Conversation }
  | { type: 'message'; conversation: Conversation; message: Message };

export const DEFAULT_CONSOLE_CONFIG: ConsoleConfig = {
  departments: BUILT_IN_DEPARTMENTS.map((id) => ({ id, names: {} })),
  waitAlertSeconds: 60,
  defaultCapacity: 5,
};
