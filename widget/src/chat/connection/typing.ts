import { LIMITS } from '@introserv/shared/client';

/** A typing draft is sent at most this often (the server's budget is 3 per second). */
export const TYPING_INTERVAL_MS = 400;
/** No keystroke for this long: the visitor stopped typing. */
export const TYPING_IDLE_MS = 4_000;
/** An operator's "typing" that is not renewed (a lost stop) fades after this. */
export const TYPING_SHOWN_MS = 6_000;

/**
 * The visitor's side of the typing indicator: tells the operator (with the end of the draft,
 * for their preview) at most every TYPING_INTERVAL_MS, and that the visitor stopped after
 * TYPING_IDLE_MS without a keystroke or when the draft is empty. Sends nothing twice.
 */
export class TypingSender {
  private sent: { typing: boolean; text: string; at: number } = { typing: false, text: '', at: 0 };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Emits `typing:set`, best effort (a refused or lost indicator is not worth a retry). */
    private readonly emit: (typing: boolean, text: string) => void,
    /** Whether a conversation's hello is answered on a live connection. */
    private readonly canSend: () => boolean,
    private readonly now: () => number,
  ) {}

  draft(draft: string): void {
    clearTimeout(this.idle);
    if (draft.trim() === '') {
      this.stop();
      return;
    }
    this.idle = setTimeout(() => this.stop(), TYPING_IDLE_MS);
    const wait = this.sent.at + TYPING_INTERVAL_MS - this.now();
    clearTimeout(this.timer);
    if (wait > 0) this.timer = setTimeout(() => this.send(true, draft), wait);
    else this.send(true, draft);
  }

  stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.idle);
    if (this.sent.typing) this.send(false, '');
  }

  /** The connection dropped: the server forgot the indicator with it. */
  forget(): void {
    this.sent = { typing: false, text: '', at: 0 };
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.idle);
  }

  private send(typing: boolean, draft: string): void {
    const text = typing ? draft.slice(-LIMITS.typingPreviewMax) : '';
    if (!this.canSend() || (typing === this.sent.typing && text === this.sent.text)) return;
    this.sent = { typing, text, at: this.now() };
    this.emit(typing, text);
  }
}
