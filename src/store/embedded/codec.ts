// Byte-level encoding shared by the WAL and snapshots: unsigned LEB128
// varints (up to 2^53), length-prefixed byte strings and UTF-8 strings, and
// fixed little-endian u32s for frame headers. The record layouts themselves
// live in records.ts and snapshot.ts; this file knows nothing about them.

/** A decode ran past the end of its buffer or met an impossible value. */
export class DecodeError extends Error {
  constructor(
    message: string,
    /** byte offset inside the decoded buffer */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/**
 * A growable output buffer. With `chunkBytes` set it never copies what it
 * wrote: a full buffer is handed to `chunks` and a new one started (used for
 * snapshots, which can be large); without it the buffer doubles and
 * `patchU32` can rewrite earlier bytes (used for WAL frame headers).
 */
export class ByteWriter {
  #buf: Buffer;
  #pos = 0;
  readonly #chunks: Buffer[] = [];
  readonly #chunkBytes: number | undefined;
  #flushed = 0;

  constructor(initialBytes = 4096, opts: { chunkBytes?: number } = {}) {
    this.#chunkBytes = opts.chunkBytes;
    this.#buf = Buffer.allocUnsafe(Math.max(64, opts.chunkBytes ?? initialBytes));
  }

  /** bytes written so far */
  get length(): number {
    return this.#flushed + this.#pos;
  }

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    if (this.#chunkBytes !== undefined) {
      if (this.#pos > 0) {
        this.#chunks.push(this.#buf.subarray(0, this.#pos));
        this.#flushed += this.#pos;
      }
      this.#buf = Buffer.allocUnsafe(Math.max(this.#chunkBytes, n));
      this.#pos = 0;
      return;
    }
    let size = this.#buf.length * 2;
    while (size < this.#pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  u8(v: number): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = v;
  }

  u32(v: number): void {
    this.#ensure(4);
    this.#buf.writeUInt32LE(v >>> 0, this.#pos);
    this.#pos += 4;
  }

  /** rewrites 4 bytes at `offset` (only without chunking, where offsets are stable) */
  patchU32(offset: number, v: number): void {
    if (this.#chunkBytes !== undefined) throw new Error('patchU32 on a chunked writer');
    this.#buf.writeUInt32LE(v >>> 0, offset);
  }

  /** a non-negative safe integer as an unsigned LEB128 varint */
  uvar(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`uvar: ${v} is not a non-negative safe integer`);
    this.#ensure(8);
    while (v >= 0x80) {
      this.#buf[this.#pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#buf[this.#pos++] = v;
  }

  /** length-prefixed raw bytes */
  bytes(b: Uint8Array): void {
    this.uvar(b.length);
    this.#ensure(b.length);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
  }

  /** length-prefixed UTF-8 */
  str(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    this.uvar(n);
    this.#ensure(n);
    this.#buf.write(s, this.#pos, n, 'utf8');
    this.#pos += n;
  }

  /** the bytes written, as one buffer (a view: do not write afterwards) */
  finish(): Buffer {
    if (this.#chunks.length === 0) return this.#buf.subarray(0, this.#pos);
    return Buffer.concat([...this.#chunks, this.#buf.subarray(0, this.#pos)]);
  }

  /** the bytes written, as a list of buffers without copying */
  finishChunks(): Buffer[] {
    const out = [...this.#chunks];
    if (this.#pos > 0) out.push(this.#buf.subarray(0, this.#pos));
    return out;
  }
}

/** Reads what ByteWriter wrote; every overrun throws DecodeError with the offset. */
export class ByteReader {
  #pos: number;

  constructor(
    private readonly buf: Buffer,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.#pos = start;
  }

  get offset(): number {
    return this.#pos;
  }

  get remaining(): number {
    return this.end - this.#pos;
  }

  #need(n: number, what: string): void {
    if (this.#pos + n > this.end) throw new DecodeError(`truncated ${what}`, this.#pos);
  }

  u8(): number {
    this.#need(1, 'byte');
    return this.buf[this.#pos++];
  }

  u32(): number {
    this.#need(4, 'u32');
    const v = this.buf.readUInt32LE(this.#pos);
    this.#pos += 4;
    return v;
  }

  uvar(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (i >= 8) throw new DecodeError('varint too long', this.#pos);
      this.#need(1, 'varint');
      const b = this.buf[this.#pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    if (!Number.isSafeInteger(result)) throw new DecodeError('varint out of range', this.#pos);
    return result;
  }

  /** a copy of the next length-prefixed bytes (never a view of the input) */
  bytes(): Uint8Array {
    const n = this.uvar();
    this.#need(n, 'bytes');
    const out = new Uint8Array(n);
    out.set(this.buf.subarray(this.#pos, this.#pos + n));
    this.#pos += n;
    return out;
  }

  str(): string {
    const n = this.uvar();
    this.#need(n, 'string');
    const s = this.buf.toString('utf8', this.#pos, this.#pos + n);
    this.#pos += n;
    return s;
  }
}
