// Keeps the last N bytes of a stream, so a command printing 100 MB costs at
// most N bytes (plus the chunk being read) of memory. Used for every child
// process the modules start.

/** `… N bytes dropped` marker, first line of a tail that lost its head */
export function droppedMarker(n: number): string {
  return `… ${n} bytes dropped\n`;
}

export class OutputTail {
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #dropped = 0;

  /** maxBytes: bytes kept, at least 1 */
  constructor(readonly maxBytes: number) {
    if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);
  }

  /** bytes seen but not kept */
  get dropped(): number {
    return this.#dropped;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (chunk.length >= this.maxBytes) {
      // the chunk alone fills the tail: copy its end so the big chunk is not retained
      this.#dropped += this.#size + chunk.length - this.maxBytes;
      this.#chunks.length = 0;
      this.#chunks.push(Buffer.from(chunk.subarray(chunk.length - this.maxBytes)));
      this.#size = this.maxBytes;
      return;
    }
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size > this.maxBytes) {
      const first = this.#chunks[0];
      const excess = this.#size - this.maxBytes;
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#size -= first.length;
        this.#dropped += first.length;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#size -= excess;
        this.#dropped += excess;
      }
    }
  }

  /**
   * The kept bytes as UTF-8 text. When bytes were dropped, a cut multi-byte
   * character at the start is dropped too and the text opens with the marker.
   */
  text(): string {
    let buf = Buffer.concat(this.#chunks, this.#size);
    let dropped = this.#dropped;
    if (dropped > 0) {
      let skip = 0;
      while (skip < 3 && skip < buf.length && (buf[skip] & 0xc0) === 0x80) skip++;
      buf = buf.subarray(skip);
      dropped += skip;
      return droppedMarker(dropped) + buf.toString('utf8');
    }
    return buf.toString('utf8');
  }
}
