// The write-ahead log writer, with group commit. Records appended while a
// write+fdatasync is in flight wait in the next batch, and each batch goes to
// disk as one frame with one fdatasync, so N concurrent writers pay about two
// fsyncs rather than N. A record's promise resolves only once its frame is
// durable; `onDurable` runs just before, so the store can publish the new
// revision before any writer sees its acknowledgement.
//
// Segment file: 8-byte magic (files.ts), then frames:
//   u32 LE payload length | u32 LE CRC-32 of payload | payload = records (records.ts), back to back
// A frame is all-or-nothing on recovery (wal-reader.ts). Segments rotate only
// on request (before a snapshot); a new segment is durable (file + directory
// entry) before anything is written to it.
//
// An I/O error fails the writer for good (after a failed fsync the page cache
// can no longer be trusted): every pending and later append rejects with it,
// and `onFailure` tells the owner.

import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { IllegalStateError } from '../../errors.js';
import { ByteWriter } from './codec.js';
import { crc32 } from './crc32.js';
import { fsyncDir, segmentName, WAL_MAGIC } from './files.js';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(v: T): void;
  reject(e: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // a batch nobody awaits (background records) must not become an unhandled rejection
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

const FRAME_HEADER_BYTES = 8;

interface Batch {
  /** the frame being built: 8 header bytes, then records */
  readonly writer: ByteWriter;
  records: number;
  /** the highest revision among its records (0: none carried one) */
  maxRevision: number;
  /** switch to a new segment after this batch */
  rotated: Deferred<number> | undefined;
  readonly done: Deferred<void>;
}

function newBatch(): Batch {
  const writer = new ByteWriter(4096);
  writer.u32(0);
  writer.u32(0);
  return { writer, records: 0, maxRevision: 0, rotated: undefined, done: deferred<void>() };
}

export interface WalWriterOptions {
  /** fdatasync each frame (and the directory on new segments); false only for tests and throwaway stores */
  readonly fsync: boolean;
  /** called once per durable frame, before its appenders are resolved */
  readonly onDurable: (maxRevision: number) => void;
  /** called once when the writer fails */
  readonly onFailure: (err: Error) => void;
}

/** creates segment `seq` (which must not exist) with its header, durably */
async function createSegment(dir: string, seq: number, fsync: boolean): Promise<FileHandle> {
  const fh = await open(join(dir, segmentName(seq)), 'wx');
  try {
    await fh.write(WAL_MAGIC, 0, WAL_MAGIC.length, 0);
    if (fsync) {
      await fh.datasync();
      await fsyncDir(dir);
    }
    return fh;
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw err;
  }
}

export class WalWriter {
  #fh: FileHandle;
  #segment: number;
  /** bytes in the current segment file */
  #size = WAL_MAGIC.length;
  /** accumulating the next frame */
  #open = newBatch();
  /** sealed, waiting for the flush loop, in order */
  readonly #sealed: Batch[] = [];
  /** the newest batch that holds a record: barrier() waits for it */
  #last: Batch | undefined;
  /** the batch being written */
  #inflight: Batch | undefined;
  #isRunning = false;
  #idle: Deferred<void> | undefined;
  #failed: Error | undefined;
  #isClosed = false;
  #frames = 0;
  #records = 0;

  private constructor(
    private readonly dir: string,
    fh: FileHandle,
    seq: number,
    private readonly opts: WalWriterOptions,
  ) {
    this.#fh = fh;
    this.#segment = seq;
  }

  /** opens a writer on a new segment `seq` */
  static async create(dir: string, seq: number, opts: WalWriterOptions): Promise<WalWriter> {
    return new WalWriter(dir, await createSegment(dir, seq, opts.fsync), seq, opts);
  }

  /** frames (one write + fdatasync each) and records written since create */
  get stats(): { readonly frames: number; readonly records: number } {
    return { frames: this.#frames, records: this.#records };
  }

  /** the segment records are currently appended to */
  get segment(): number {
    return this.#segment;
  }

  /**
   * Appends one record (written by `encode`) to the next frame. Resolves once
   * the frame is durable; rejects when the writer failed or is closed. Records
   * reach the disk in append order.
   */
  append(encode: (w: ByteWriter) => void, revision: number): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (this.#isClosed) return Promise.reject(new IllegalStateError('wal writer is closed'));
    const b = this.#open;
    encode(b.writer);
    b.records++;
    if (revision > b.maxRevision) b.maxRevision = revision;
    this.#last = b;
    this.#kick();
    return b.done.promise;
  }

  /** resolves once every record appended so far is durable */
  barrier(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    return this.#last?.done.promise ?? Promise.resolve();
  }

  /**
   * Ends the current segment after the records appended so far and starts the
   * next one. Resolves with the new segment's seq once it exists; everything
   * appended before the call is then durable in older segments.
   */
  rotate(): Promise<number> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (this.#isClosed) return Promise.reject(new IllegalStateError('wal writer is closed'));
    const b = this.#open;
    b.rotated ??= deferred<number>();
    this.#seal();
    this.#kick();
    return b.rotated.promise;
  }

  #seal(): void {
    this.#sealed.push(this.#open);
    this.#open = newBatch();
  }

  #kick(): void {
    if (this.#isRunning) return;
    this.#isRunning = true;
    this.#idle = deferred<void>();
    void this.#run();
  }

  async #run(): Promise<void> {
    // let every append of the current tick join the first frame
    await Promise.resolve();
    try {
      while (!this.#failed) {
        if (this.#sealed.length === 0) {
          if (this.#open.records === 0) break;
          this.#seal();
        }
        const b = this.#sealed.shift()!;
        this.#inflight = b;
        if (b.records > 0) {
          await this.#writeFrame(b);
          this.opts.onDurable(b.maxRevision);
        }
        b.done.resolve();
        if (b.rotated) {
          await this.#rotateSegment();
          b.rotated.resolve(this.#segment);
        }
        this.#inflight = undefined;
      }
    } catch (err) {
      this.#fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.#isRunning = false;
      this.#idle?.resolve();
    }
  }

  async #writeFrame(b: Batch): Promise<void> {
    const frame = b.writer.finish();
    const payload = frame.subarray(FRAME_HEADER_BYTES);
    frame.writeUInt32LE(payload.length, 0);
    frame.writeUInt32LE(crc32(payload), 4);
    let off = 0;
    while (off < frame.length) {
      const { bytesWritten } = await this.#fh.write(frame, off, frame.length - off, this.#size + off);
      off += bytesWritten;
    }
    this.#size += frame.length;
    if (this.opts.fsync) await this.#fh.datasync();
    this.#frames++;
    this.#records += b.records;
  }

  async #rotateSegment(): Promise<void> {
    const next = this.#segment + 1;
    const fh = await createSegment(this.dir, next, this.opts.fsync);
    await this.#fh.close();
    this.#fh = fh;
    this.#segment = next;
    this.#size = WAL_MAGIC.length;
  }

  #fail(err: Error): void {
    if (this.#failed) return;
    this.#failed = err;
    const pending = [...this.#sealed, this.#open];
    if (this.#inflight) pending.unshift(this.#inflight);
    this.#inflight = undefined;
    for (const b of pending) {
      b.done.reject(err);
      b.rotated?.reject(err);
    }
    this.#sealed.length = 0;
    this.#open = newBatch();
    this.opts.onFailure(err);
  }

  /**
   * Writes out what was appended, then closes the file. Later appends reject.
   * Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    if (this.#isRunning) await this.#idle?.promise;
    await this.#fh.close();
  }
}
