import { useEffect, useState } from 'preact/hooks';

/**
 * A module loaded on first use and kept: `const files = useModule(loadFiles, wanted)`
 * is null until it has arrived (and while `wanted` is false). A failed load is tried again
 * on the next render that wants it.
 */
export function useModule<T>(load: () => Promise<T>, wanted = true): T | null {
  const [loaded, setLoaded] = useState<T | null>(null);
  useEffect(() => {
    if (!wanted || loaded) return;
    let live = true;
    load().then(
      (m) => {
        if (live) setLoaded(() => m);
      },
      () => {
        // Offline, or a new release replaced the chunk: the next render tries again.
      },
    );
    return () => {
      live = false;
    };
  }, [wanted, loaded]);
  return loaded;
}

/** The chunk with uploads and file previews. */
export const loadFiles = () => import('../files/files.js');
/** The chunk with the end of a chat: rating, transcript, e-mail. */
export const loadEnd = () => import('../end/EndOfChat.js');
