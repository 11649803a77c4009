// memberlist's TransmitLimitedQueue (queue.go): broadcasts waiting to be
// piggybacked on outgoing packets. Each is keyed by the member it is about,
// so a newer broadcast about the same member replaces the older one; packets
// are filled fewest-transmitted first (newest first among equals) and a
// broadcast is dropped once it was sent retransmitLimit times.

export interface BroadcastOptions {
  /** called once when the broadcast is done: sent often enough, replaced, or pruned */
  readonly onDone?: () => void;
}

interface Item {
  readonly key: string;
  readonly payload: Uint8Array;
  readonly id: number;
  transmits: number;
  readonly onDone: (() => void) | undefined;
}

export class BroadcastQueue {
  #items: Item[] = [];
  #nextId = 0;

  get length(): number {
    return this.#items.length;
  }

  /** queues `payload` about member `key`, replacing any queued broadcast about the same member */
  enqueue(key: string, payload: Uint8Array, opts: BroadcastOptions = {}): void {
    const replaced = this.#items.filter((i) => i.key === key);
    if (replaced.length > 0) this.#items = this.#items.filter((i) => i.key !== key);
    // new items have 0 transmits and the highest id: they go first
    this.#items.unshift({ key, payload, id: this.#nextId++, transmits: 0, onDone: opts.onDone });
    for (const r of replaced) r.onDone?.();
  }

  /**
   * Takes broadcasts for one packet: at most maxCount of them whose sizes
   * plus perItemOverhead each fit in limitBytes, fewest transmits first.
   * Each taken broadcast counts one transmit and is dropped at retransmitLimit.
   */
  take(limitBytes: number, perItemOverhead: number, retransmitLimit: number, maxCount: number): Uint8Array[] {
    if (this.#items.length === 0 || maxCount <= 0) return [];
    const out: Uint8Array[] = [];
    const done: Item[] = [];
    let room = limitBytes;
    for (const item of this.#items) {
      if (out.length >= maxCount || room < perItemOverhead + 1) break;
      const size = perItemOverhead + item.payload.length;
      if (size > room) continue;
      room -= size;
      out.push(item.payload);
      item.transmits++;
      if (item.transmits >= retransmitLimit) done.push(item);
    }
    if (out.length > 0) {
      if (done.length > 0) this.#items = this.#items.filter((i) => i.transmits < retransmitLimit);
      this.#items.sort(order);
      for (const d of done) d.onDone?.();
    }
    return out;
  }

  /** keeps at most maxItems, dropping the most-transmitted (then oldest) first; memberlist Prune */
  prune(maxItems: number): void {
    if (this.#items.length <= maxItems) return;
    const dropped = this.#items.slice(maxItems);
    this.#items = this.#items.slice(0, maxItems);
    for (const d of dropped) d.onDone?.();
  }

  /** forgets everything without calling onDone */
  clear(): void {
    this.#items = [];
  }
}

function order(a: Item, b: Item): number {
  return a.transmits - b.transmits || b.id - a.id;
}
