import { describe, expect, it, vi } from 'vitest';
import { ALERT_TONE, makeChime, SOFT_TONE } from './chime.js';

/** Records what a chime schedules on a Web Audio context. */
function fakeAudio() {
  interface Gain {
    peak: number;
    gain: { setValueAtTime: () => void; exponentialRampToValueAtTime: (v: number) => void };
  }
  const notes: { frequency: number; start: number; stop: number; gain: Gain | null }[] = [];
  const ctx = {
    currentTime: 10,
    destination: {},
    resume: vi.fn(async () => {}),
    createOscillator: () => {
      const note: (typeof notes)[number] = { frequency: 0, start: 0, stop: 0, gain: null };
      notes.push(note);
      return {
        frequency: {
          set value(v: number) {
            note.frequency = v;
          },
        },
        connect: (gain: Gain) => {
          note.gain = gain;
          return { connect: () => {} };
        },
        start: (at: number) => (note.start = at),
        stop: (at: number) => (note.stop = at),
      };
    },
    createGain: () => {
      const gain: Gain = {
        peak: 0,
        gain: {
          setValueAtTime: () => {},
          exponentialRampToValueAtTime: (v: number) => {
            gain.peak = Math.max(gain.peak, v);
          },
        },
      };
      return gain;
    },
  };
  return { ctx, notes };
}

describe('makeChime', () => {
  it('plays its tone’s notes one after the other on one audio context, made on the first play', () => {
    const { ctx, notes } = fakeAudio();
    const make = vi.fn(() => ctx as unknown as AudioContext);
    const chime = makeChime(SOFT_TONE, make);
    expect(make).not.toHaveBeenCalled();
    chime();
    chime();
    expect(make).toHaveBeenCalledTimes(1);
    expect(ctx.resume).toHaveBeenCalled();
    expect(notes.slice(0, 2).map((n) => [n.frequency, n.start])).toEqual([
      [660, 10],
      [880, 10.12],
    ]);
    expect(notes[0]?.gain?.peak).toBe(SOFT_TONE.volume);
    expect(notes[1]!.stop).toBeGreaterThan(notes[1]!.start);
  });

  it('is silently nothing where audio is refused', () => {
    const chime = makeChime(ALERT_TONE, () => {
      throw new Error('no audio');
    });
    expect(() => chime()).not.toThrow();
  });
});
