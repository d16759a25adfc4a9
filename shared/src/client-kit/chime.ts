/** The notes of a chime: frequencies in Hz, played `gap` seconds apart, each fading out over `length` seconds. */
export interface Tone {
  notes: readonly number[];
  gap: number;
  length: number;
  /** Peak gain, 0–1. */
  volume: number;
}

/** The widget's: soft, for a visitor's page. */
export const SOFT_TONE: Tone = { notes: [660, 880], gap: 0.12, length: 0.25, volume: 0.15 };
/** The console's: higher and a little louder, for an operator who is elsewhere on the desk. */
export const ALERT_TONE: Tone = { notes: [880, 1320], gap: 0.15, length: 0.14, volume: 0.2 };

/**
 * A short chime made on the spot through Web Audio: no sound file to fetch. The audio context
 * is made on the first play (browsers allow it once the page was interacted with) and kept;
 * where audio is refused the call is silently nothing (the badge and the title still tell).
 *
 * @example
 * const chime = makeChime(SOFT_TONE);
 * chime();
 */
export function makeChime(tone: Tone = SOFT_TONE, audio: () => AudioContext = () => new AudioContext()): () => void {
  let ctx: AudioContext | undefined;
  return () => {
    try {
      ctx ??= audio();
      // Browsers suspend audio until the page has been interacted with; by now it has.
      void ctx.resume();
      const now = ctx.currentTime;
      for (const [i, frequency] of tone.notes.entries()) {
        const at = now + i * tone.gap;
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(tone.volume, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + tone.length);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + tone.length + 0.05);
      }
    } catch {
      // No audio here.
    }
  };
}
