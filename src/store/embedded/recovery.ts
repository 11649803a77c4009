// Rebuilds the state from a data dir on open: the newest snapshot, then every
// WAL segment from the one it names, in order. Segments must be contiguous
// (a gap means lost data and is a CorruptionError); a torn tail of the last
// segment is cut off durably (wal-reader.ts says what counts as torn), and an
// empty last segment is removed so its seq is reused;
// snapshot temp files and files older than the snapshot are removed. The
// caller holds the dir lock and starts writing at `nextSegment`.

import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptionError } from './errors.js';
import { fsyncDir, listDataDir, segmentName, snapshotName } from './files.js';
import { readSnapshot } from './snapshot.js';
import { StoreState } from './state.js';
import { readSegment } from './wal-reader.js';

export interface RecoveryReport {
  /** the snapshot loaded, if any */
  readonly snapshot: string | undefined;
  /** WAL segments replayed */
  readonly segments: number;
  /** frames replayed from them */
  readonly frames: number;
  /** a torn tail that was cut off */
  readonly truncated: { readonly file: string; readonly offset: number; readonly bytes: number; readonly reason: string } | undefined;
}

export interface Recovered {
  readonly state: StoreState;
  /** the seq of the segment to write next */
  readonly nextSegment: number;
  readonly report: RecoveryReport;
}

async function truncateDurably(path: string, length: number, fsync: boolean): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.truncate(length);
    if (fsync) await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function recover(dir: string, fsync: boolean): Promise<Recovered> {
  const listing = await listDataDir(dir);
  for (const tmp of listing.temps) await unlink(join(dir, tmp));
  const state = new StoreState();
  const snapSeq = listing.snapshots.at(-1);
  let snapshot: string | undefined;
  let first = 0;
  if (snapSeq !== undefined) {
    snapshot = join(dir, snapshotName(snapSeq));
    const meta = await readSnapshot(snapshot, {
      lease: (id, ttlSeconds) => void state.leases.add(id, ttlSeconds, Infinity),
      history: (key, entries) => state.mvcc.loadHistory(key, entries),
    });
    try {
      state.finishSnapshotLoad(meta);
    } catch (err) {
      throw new CorruptionError(snapshot, 0, err instanceof Error ? err.message : String(err), { cause: err });
    }
    first = snapSeq;
  }
  const segments = listing.segments.filter((s) => s >= first);
  segments.forEach((seq, i) => {
    if (seq !== first + i) {
      throw new CorruptionError(join(dir, segmentName(first + i)), 0, `wal segment missing (next present is ${segmentName(seq)})`);
    }
  });
  let nextSegment = first;
  let frames = 0;
  let truncated: RecoveryReport['truncated'];
  for (const [i, seq] of segments.entries()) {
    const path = join(dir, segmentName(seq));
    const scan = await readSegment(path, i === segments.length - 1, (rec) => state.replay(rec));
    frames += scan.frames;
    if (scan.headerTorn) {
      await unlink(path);
      nextSegment = seq;
      truncated = { file: path, offset: 0, bytes: scan.fileBytes, reason: scan.tornReason ?? 'torn segment header' };
      continue;
    }
    if (i === segments.length - 1 && scan.frames === 0) {
      // an empty last segment (a store opened and closed without writing): reuse its seq
      await unlink(path);
      nextSegment = seq;
      if (scan.validBytes < scan.fileBytes) {
        truncated = { file: path, offset: scan.validBytes, bytes: scan.fileBytes - scan.validBytes, reason: scan.tornReason ?? 'torn tail' };
      }
      continue;
    }
    if (scan.validBytes < scan.fileBytes) {
      await truncateDurably(path, scan.validBytes, fsync);
      truncated = {
        file: path,
        offset: scan.validBytes,
        bytes: scan.fileBytes - scan.validBytes,
        reason: scan.tornReason ?? 'torn tail',
      };
    }
    nextSegment = seq + 1;
  }
  let removed = false;
  for (const seq of listing.segments) {
    if (seq < first) {
      await unlink(join(dir, segmentName(seq)));
      removed = true;
    }
  }
  for (const seq of listing.snapshots) {
    if (seq !== snapSeq) {
      await unlink(join(dir, snapshotName(seq)));
      removed = true;
    }
  }
  if (removed && fsync) await fsyncDir(dir);
  return { state, nextSegment, report: { snapshot, segments: segments.length, frames, truncated } };
}
