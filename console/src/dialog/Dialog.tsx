import { h, type ComponentChildren } from 'preact';

export interface DialogProps {
  /** The id of the dialog's title. */
  labelledBy: string;
  testId: string;
  onClose: () => void;
  /** The dialog's own element: a form (its submit is the dialog's action) or a plain box. */
  as?: 'div' | 'form' | 'section';
  onSubmit?: (e: Event) => void;
  wide?: boolean;
  children: ComponentChildren;
}

/**
 * A modal dialog over the console, the same for every dialog: Escape and a click on the
 * backdrop close it, and it names itself by its title for screen readers.
 *
 * @example
 * <Dialog labelledBy="keys-title" testId="keyboard-help" onClose={close}>
 *   <h2 id="keys-title">…</h2>
 * </Dialog>
 */
export function Dialog({ labelledBy, testId, onClose, as = 'div', onSubmit, wide = false, children }: DialogProps) {
  return (
    <div
      class="dialog-backdrop"
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      {h(
        as,
        {
          class: wide ? 'dialog dialog-wide' : 'dialog',
          role: 'dialog',
          'aria-modal': 'true',
          'aria-labelledby': labelledBy,
          'data-testid': testId,
          onKeyDown: (e: KeyboardEvent) => {
            if (e.key === 'Escape') onClose();
          },
          ...(onSubmit ? { onSubmit } : {}),
        },
        children,
      )}
    </div>
  );
}
