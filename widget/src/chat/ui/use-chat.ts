import type { ChatState } from '../connection/chat-state.js';
import type { VisitorChat } from '../connection/visitor-chat.js';
import { useSignal } from '@introserv/shared/client/use-signal';

/** The chat's state for a component, which re-renders when it changes. */
export function useChat(chat: VisitorChat): ChatState {
  return useSignal(chat.state);
}
