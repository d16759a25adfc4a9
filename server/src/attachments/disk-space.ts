import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The file system's free space (for an unprivileged process) and size, in bytes. */
export interface DiskSpace {
  free: number;
  total: number;
}

/** Asks how much room is left where uploads go; null when that cannot be told. Tests inject their own. */
export type DiskSpaceProbe = () => Promise<DiskSpace | null>;

/**
 * `statfs` of UPLOAD_DIR, or of its nearest existing parent until the first upload creates it.
 * `bavail`, not `bfree`: the blocks reserved for root are no room for this process.
 */
export function statfsProbe(dir: string): DiskSpaceProbe {
  return async () => {
    for (let at = dir; ; at = dirname(at)) {
      try {
        const s = await statfs(at);
        return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) return null;
      }
    }
  };
}

/** Whether `space` leaves less than `minFreeBytes`, or less than `minFreePercent` of the disk, free. */
export function nearlyFull(space: DiskSpace | null, minFreeBytes: number, minFreePercent: number): boolean {
  if (!space || space.total <= 0) return false;
  return space.free < minFreeBytes || (space.free / space.total) * 100 < minFreePercent;
}
