import { useEffect, useState } from 'preact/hooks';
import { listOrder } from '../conversations/ConversationList.js';
import { sections } from '../conversations/store.js';
import type { Workspace } from '../workspace/workspace.js';

export interface Shortcuts {
  /** The keyboard help is open. */
  help: boolean;
  setHelp: (open: boolean) => void;
  /** The transfer dialog is open. */
  transferring: boolean;
  setTransferring: (open: boolean) => void;
}

/**
 * The console's keyboard, on the chats (SHORTCUTS lists it): Alt + a key, so that typing in the
 * message box is never taken over. Holds what the keys open: the transfer dialog and the help.
 */
export function useShortcuts(workspace: Workspace, onChats: boolean, page: string | undefined, showChat: () => void): Shortcuts {
  const [transferring, setTransferring] = useState(false);
  const [help, setHelp] = useState(false);
  useEffect(() => {
    if (!onChats) return;
    const me = workspace.operator.id;
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const current = workspace.ui.value.selectedId ? workspace.store.value.conversations[workspace.ui.value.selectedId] : undefined;
      const mine = current?.status === 'assigned' && current.operator?.id === me;
      switch (e.code) {
        case 'ArrowDown':
        case 'ArrowUp':
          workspace.selectNext(listOrder(sections(workspace.store.value, me)), e.code === 'ArrowDown' ? 1 : -1);
          showChat();
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
  }, [workspace, page]);
  return { help, setHelp, transferring, setTransferring };
}
