/**
 * Calling the visitor back to a reply they have not seen: a short tone (in one tab only,
 * when several are open) and a blinking page title, while the panel is closed or the tab
 * is hidden.
 */

/**
 * Whether this tab is the one that plays sounds. With several tabs open, each holds a
 * socket and hears every reply; the Web Locks API elects one tab (the lock passes on when
 * it closes). Without it, tabs claim each message in localStorage: the first wins.
 * https://developer.mozilla.org/docs/Web/API/Web_Locks_API
 */
export class SoundLeader {
  private leader = false;

  constructor(
    private readonly name: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null,
    // Missing in older browsers and in insecure (http) pages, whatever the DOM typings say.
    locks: LockManager | undefined = typeof navigator === 'undefined' ? undefined : navigator.locks,
  ) {
    // Held until the tab goes: the promise never settles.
    locks?.request(name, () => {
      this.leader = true;
      return new Promise<never>(() => {});
    }).catch(() => {});
    this.hasLocks = locks !== undefined;
  }

  private readonly hasLocks: boolean;

  /** Whether this tab should play the sound for message `id`. */
  claim(id: string): boolean {
    if (this.hasLocks) return this.leader;
    try {
      if (!this.storage || this.storage.getItem(this.name) === id) return false;
      this.storage.setItem(this.name, id);
      return true;
    } catch {
      return true;
    }
  }
}

let audio: AudioContext | undefined;

/** A short two-note chime made on the spot: no sound file to fetch. Silently nothing where audio is refused. */
export function chime(): void {
  try {
    audio ??= new AudioContext();
    // Browsers suspend audio until the visitor has interacted with the page; they have (the chat is open somewhere).
    void audio.resume();
    const now = audio.currentTime;
    for (const [i, frequency] of [660, 880].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.12 + 0.25);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.12);
      osc.stop(now + i * 0.12 + 0.3);
    }
  } catch {
    // No audio here: the badge and the title still tell.
  }
}

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
