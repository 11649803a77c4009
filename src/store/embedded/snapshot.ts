// Snapshots: the whole store state (every key's retained history, leases,
// revisions) in one file, so recovery replays only the WAL written since.
// A snapshot named snap-<seq> covers every WAL segment below seq.
//
// Layout: 8-byte magic | u32 LE CRC-32 of body | u32 LE body length low | u32 LE high | body
//   body: uvar revision, uvar compactRevision, uvar nextLeaseId,
//         uvar leases, leases × (str id, uvar ttlSeconds),
//         uvar keys, keys × (str key, uvar entries, entries × entry)   keys ascending
//   entry: uvar modRevision, uvar sub, u8 0 (tombstone) | u8 1 live, then when live:
//          uvar createRevision, uvar version, bytes value, str lease ('' = none)
//
// Writing is temp file, fsync, rename, fsync dir: a snapshot file either is
// complete or does not exist. A snapshot that exists but fails its checks is
// corruption, not something to skip: the segments it covered may be gone.

import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ByteReader, ByteWriter, DecodeError } from './codec.js';
import { crc32 } from './crc32.js';
import { CorruptionError } from './errors.js';
import { fsyncDir, SNAPSHOT_MAGIC, snapshotName } from './files.js';
import type { Entry } from './mvcc.js';
import type { StoreState } from './state.js';

const HEADER_BYTES = SNAPSHOT_MAGIC.length + 12;

export interface SnapshotImage {
  readonly revision: number;
  readonly compactRevision: number;
  readonly nextLeaseId: number;
  readonly leases: ReadonlyArray<{ readonly id: string; readonly ttlSeconds: number }>;
  /** ascending by key; arrays the live state no longer mutates */
  readonly histories: ReadonlyArray<readonly [string, readonly Entry[]]>;
}

export interface SnapshotSink {
  lease(id: string, ttlSeconds: number): void;
  history(key: string, entries: Entry[]): void;
}

/** keys encoded between two yields to the event loop */
const KEYS_PER_SLICE = 5000;

/**
 * Captures the state as it is now: copies of the history arrays (entries
 * themselves are immutable), so writes after the call do not show.
 */
export function captureSnapshot(state: StoreState): SnapshotImage {
  const histories: Array<readonly [string, readonly Entry[]]> = [];
  for (const [key, entries] of state.mvcc.histories()) histories.push([key, entries.slice()]);
  return {
    revision: state.mvcc.revision,
    compactRevision: state.mvcc.compactRevision,
    nextLeaseId: state.leases.nextId,
    leases: [...state.leases.values()].map((l) => ({ id: l.id, ttlSeconds: l.ttlSeconds })),
    histories,
  };
}

/** encodes an image into buffers (no single huge allocation), yielding to the event loop now and then */
export async function encodeSnapshot(image: SnapshotImage): Promise<Buffer[]> {
  const w = new ByteWriter(0, { chunkBytes: 1 << 20 });
  w.uvar(image.revision);
  w.uvar(image.compactRevision);
  w.uvar(image.nextLeaseId);
  w.uvar(image.leases.length);
  for (const l of image.leases) {
    w.str(l.id);
    w.uvar(l.ttlSeconds);
  }
  w.uvar(image.histories.length);
  let n = 0;
  for (const [key, entries] of image.histories) {
    if (++n % KEYS_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    w.str(key);
    w.uvar(entries.length);
    for (const e of entries) {
      w.uvar(e.modRevision);
      w.uvar(e.sub);
      if (e.value === undefined) {
        w.u8(0);
        continue;
      }
      w.u8(1);
      w.uvar(e.createRevision);
      w.uvar(e.version);
      w.bytes(e.value);
      w.str(e.lease ?? '');
    }
  }
  const body = w.finishChunks();
  let crc = 0;
  let len = 0;
  for (const c of body) {
    crc = crc32(c, crc);
    len += c.length;
  }
  const header = Buffer.alloc(HEADER_BYTES);
  SNAPSHOT_MAGIC.copy(header, 0);
  header.writeUInt32LE(crc, SNAPSHOT_MAGIC.length);
  header.writeUInt32LE(len % 2 ** 32, SNAPSHOT_MAGIC.length + 4);
  header.writeUInt32LE(Math.floor(len / 2 ** 32), SNAPSHOT_MAGIC.length + 8);
  return [header, ...body];
}

/** writes snap-<seq> atomically and durably; resolves with its path */
export async function writeSnapshot(dir: string, seq: number, chunks: Buffer[], fsync: boolean): Promise<string> {
  const final = join(dir, snapshotName(seq));
  const tmp = `${final}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    let pos = 0;
    for (const c of chunks) {
      let off = 0;
      while (off < c.length) {
        const { bytesWritten } = await fh.write(c, off, c.length - off, pos);
        off += bytesWritten;
        pos += bytesWritten;
      }
    }
    if (fsync) await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  await rename(tmp, final);
  if (fsync) await fsyncDir(dir);
  return final;
}

/**
 * Reads and checks a snapshot, feeding leases and key histories (ascending
 * key order) to `sink`. Throws CorruptionError on any damage.
 */
export async function readSnapshot(
  path: string,
  sink: SnapshotSink,
): Promise<{ revision: number; compactRevision: number; nextLeaseId: number }> {
  const buf = await readFile(path);
  if (buf.length < HEADER_BYTES || !buf.subarray(0, SNAPSHOT_MAGIC.length).equals(SNAPSHOT_MAGIC)) {
    throw new CorruptionError(path, 0, 'not a snapshot (bad magic)');
  }
  const crc = buf.readUInt32LE(SNAPSHOT_MAGIC.length);
  const len = buf.readUInt32LE(SNAPSHOT_MAGIC.length + 4) + buf.readUInt32LE(SNAPSHOT_MAGIC.length + 8) * 2 ** 32;
  if (HEADER_BYTES + len !== buf.length) {
    throw new CorruptionError(path, 0, `body length ${len} does not match the file size ${buf.length}`);
  }
  if (crc32(buf.subarray(HEADER_BYTES)) !== crc) throw new CorruptionError(path, HEADER_BYTES, 'checksum mismatch');
  const r = new ByteReader(buf, HEADER_BYTES);
  try {
    const revision = r.uvar();
    const compactRevision = r.uvar();
    const nextLeaseId = r.uvar();
    const leaseCount = r.uvar();
    for (let i = 0; i < leaseCount; i++) {
      const id = r.str();
      sink.lease(id, r.uvar());
    }
    const keyCount = r.uvar();
    for (let i = 0; i < keyCount; i++) {
      const key = r.str();
      const n = r.uvar();
      if (n === 0) throw new DecodeError(`key '${key}' has no history`, r.offset);
      const entries: Entry[] = [];
      for (let j = 0; j < n; j++) {
        const modRevision = r.uvar();
        const sub = r.uvar();
        const live = r.u8();
        if (live === 0) {
          entries.push({ key, modRevision, sub, createRevision: 0, version: 0, value: undefined, lease: undefined });
          continue;
        }
        const createRevision = r.uvar();
        const version = r.uvar();
        const value = r.bytes();
        const lease = r.str();
        entries.push({ key, modRevision, sub, createRevision, version, value, lease: lease === '' ? undefined : lease });
      }
      sink.history(key, entries);
    }
    if (r.remaining !== 0) throw new DecodeError(`${r.remaining} trailing bytes`, r.offset);
    return { revision, compactRevision, nextLeaseId };
  } catch (err) {
    if (err instanceof DecodeError) throw new CorruptionError(path, err.offset, err.message, { cause: err });
    throw err;
  }
}
