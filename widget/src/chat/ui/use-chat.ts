import type { ChatState, VisitorChat } from '../connection/visitor-chat.js';
import { useSignal } from './use-signal.js';

/** The chat's state for a component, which re-renders when it changes. */
export function useChat(chat: VisitorChat): ChatState {
  return useSignal(chat.state);
}
