/**
 * Calling the visitor back to a reply they have not seen: a short tone (in one tab only,
 * when several are open: the client kit's TabLeader) and a blinking page title, while the
 * panel is closed or the tab is hidden.
 */
import { makeChime, SOFT_TONE } from '@introserv/shared/client/chime';

/** The widget's chime (the client kit's soft tone); main.tsx plays it in the leading tab only. */
export const chime = makeChime(SOFT_TONE);

/** The page title alternates with "(2) New message" until `stop`, then is restored as the page last set it. */
export class TitleFlash {
  private timer: ReturnType<typeof setInterval> | undefined;
  private original = '';
  private showing = false;

  constructor(
    private readonly doc: Pick<Document, 'title'>,
    private readonly everyMs = 1_500,
  ) {}

  get active(): boolean {
    return this.timer !== undefined;
  }

  start(text: string): void {
    if (this.timer !== undefined) {
      this.text = text;
      return;
    }
    this.text = text;
    this.original = this.doc.title;
    this.timer = setInterval(() => {
      // The page may change its own title meanwhile: keep whatever it set last.
      if (!this.showing) this.original = this.doc.title;
      this.showing = !this.showing;
      this.doc.title = this.showing ? this.text : this.original;
    }, this.everyMs);
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.showing) this.doc.title = this.original;
    this.showing = false;
  }

  private text = '';
}
