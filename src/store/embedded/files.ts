// File names and directory plumbing of an embedded store's data dir:
//
//   LOCK                      the owning process (lock.ts; LOCK.<pid>.<hex> while taking it)
//   wal-<16 hex seq>.log      WAL segments, replayed in seq order (wal.ts)
//   snap-<16 hex seq>.snap    a snapshot of everything in segments < seq (snapshot.ts)
//   snap-*.tmp                a snapshot being written; removed on open
//
// A segment's seq only grows; a snapshot is named after the first segment it
// does not cover, so recovery is "newest snapshot, then segments from its seq".

import { open, readdir } from 'node:fs/promises';

export const WAL_MAGIC = Buffer.from('FLTWAL01', 'ascii');
export const SNAPSHOT_MAGIC = Buffer.from('FLTSNP01', 'ascii');

function hex16(seq: number): string {
  return seq.toString(16).padStart(16, '0');
}

export function segmentName(seq: number): string {
  return `wal-${hex16(seq)}.log`;
}

export function snapshotName(seq: number): string {
  return `snap-${hex16(seq)}.snap`;
}

const SEGMENT = /^wal-([0-9a-f]{16})\.log$/;
const SNAPSHOT = /^snap-([0-9a-f]{16})\.snap$/;

export interface DataDirListing {
  /** segment seqs, ascending */
  readonly segments: number[];
  /** snapshot seqs, ascending */
  readonly snapshots: number[];
  /** leftover temp files */
  readonly temps: string[];
}

export async function listDataDir(dir: string): Promise<DataDirListing> {
  const segments: number[] = [];
  const snapshots: number[] = [];
  const temps: string[] = [];
  for (const name of await readdir(dir)) {
    let m = SEGMENT.exec(name);
    if (m) {
      segments.push(parseInt(m[1], 16));
      continue;
    }
    m = SNAPSHOT.exec(name);
    if (m) snapshots.push(parseInt(m[1], 16));
    else if (name.startsWith('snap-') && name.endsWith('.tmp')) temps.push(name);
  }
  segments.sort((a, b) => a - b);
  snapshots.sort((a, b) => a - b);
  return { segments, snapshots, temps };
}

/** makes a directory's entries (created, renamed, removed files) durable */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
