// Reads WAL segments back on open and decides what a damaged frame means.
//
// Recovery rules:
// - Frames are checked by length and CRC and applied whole or not at all.
// - In the LAST segment a damaged frame at the end is a torn tail: the crash
//   hit while it was being written, so it was never acknowledged (the writer
//   acknowledges only after fdatasync). It is reported so the caller can
//   truncate the file there. "At the end" means: fewer than 8 header bytes
//   left, a length that runs past the end of the file, a bad CRC on a frame
//   that ends exactly at the end of the file, or nothing but zero bytes from
//   the frame on (a zero-filled extension after power loss).
// - Anything else that is damaged (a bad frame followed by more data, or any
//   damage in an older segment, which was fully synced before the next one
//   was created) is corruption: a CorruptionError naming file and offset.
//   Acknowledged data is never dropped silently.
// - A last segment whose header never made it to disk (shorter than the
//   magic, or all zeros) is reported as headerTorn and holds no records.

import { readFile } from 'node:fs/promises';
import { ByteReader, DecodeError } from './codec.js';
import { crc32 } from './crc32.js';
import { CorruptionError } from './errors.js';
import { WAL_MAGIC } from './files.js';
import { decodeRecord, type WalRecord } from './records.js';

export interface SegmentScan {
  /** bytes up to the end of the last good frame */
  readonly validBytes: number;
  /** total file size */
  readonly fileBytes: number;
  /** why the tail after validBytes was dropped, when it was */
  readonly tornReason: string | undefined;
  /** the segment header itself is torn (last segment only) */
  readonly headerTorn: boolean;
  readonly frames: number;
}

function isAllZero(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * Reads one segment and calls `apply` for each record of each good frame, in
 * order. An error thrown by `apply` becomes a CorruptionError at the frame's
 * offset (the record does not fit the state before it).
 */
export async function readSegment(
  path: string,
  isLast: boolean,
  apply: (rec: WalRecord) => void,
): Promise<SegmentScan> {
  const buf = await readFile(path);
  const magicLen = WAL_MAGIC.length;
  if (buf.length < magicLen || !buf.subarray(0, magicLen).equals(WAL_MAGIC)) {
    const prefixOfMagic = buf.length < magicLen && WAL_MAGIC.subarray(0, buf.length).equals(buf);
    if (isLast && (prefixOfMagic || isAllZero(buf, 0))) {
      return { validBytes: 0, fileBytes: buf.length, tornReason: 'torn segment header', headerTorn: true, frames: 0 };
    }
    throw new CorruptionError(path, 0, 'not a wal segment (bad magic)');
  }
  let off = magicLen;
  let frames = 0;
  const torn = (reason: string): SegmentScan => {
    if (!isLast) throw new CorruptionError(path, off, `${reason} in a segment that was complete`);
    return { validBytes: off, fileBytes: buf.length, tornReason: reason, headerTorn: false, frames };
  };
  while (off < buf.length) {
    if (buf.length - off < 8) return torn('truncated frame header');
    const len = buf.readUInt32LE(off);
    const crc = buf.readUInt32LE(off + 4);
    const end = off + 8 + len;
    if (end > buf.length) return torn(`frame of ${len} bytes runs past the end of the file`);
    if (len === 0) {
      if (isAllZero(buf, off)) return torn('zero-filled tail');
      throw new CorruptionError(path, off, 'empty frame');
    }
    if (crc32(buf.subarray(off + 8, end)) !== crc) {
      if (end === buf.length) return torn('checksum mismatch in the last frame');
      if (isAllZero(buf, off)) return torn('zero-filled tail');
      throw new CorruptionError(path, off, 'checksum mismatch');
    }
    const r = new ByteReader(buf, off + 8, end);
    try {
      while (r.remaining > 0) apply(decodeRecord(r));
    } catch (err) {
      if (err instanceof CorruptionError) throw err;
      const where = err instanceof DecodeError ? err.offset : off;
      const why = err instanceof Error ? err.message : String(err);
      throw new CorruptionError(path, where, `bad record in a frame with a valid checksum: ${why}`, { cause: err });
    }
    frames++;
    off = end;
  }
  return { validBytes: off, fileBytes: buf.length, tornReason: undefined, headerTorn: false, frames };
}
