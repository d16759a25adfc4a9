import { useEffect, useState } from 'preact/hooks';
import type { VisitorChat, ChatState } from '../connection/visitor-chat.js';

export function useChat(chat: VisitorChat): ChatState {
  const [state, setState] = useState(chat.state);
  useEffect(() => {
    setState(chat.state);
    const unsubscribe = chat.subscribe(setState);
    return () => {
      unsubscribe();
    };
  }, [chat]);
  return state;
}
