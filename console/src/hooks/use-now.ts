import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `intervalMs` (for "waiting 3 min"). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
