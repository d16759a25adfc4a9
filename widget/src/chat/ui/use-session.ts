import { useEffect, useState } from 'preact/hooks';
import type { ChatSession, ChatState } from '../connection/session.js';

export function useSession(session: ChatSession): ChatState {
  const [state, setState] = useState(session.state);
  useEffect(() => {
    setState(session.state);
    const unsubscribe = session.subscribe(setState);
    return () => {
      unsubscribe();
    };
  }, [session]);
  return state;
}
