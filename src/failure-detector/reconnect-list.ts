// The addresses of members that died (not those that left), kept after the
// member table forgets them so a partition that outlasts forgetAfterMs can
// still heal: Serf's failedMembers list (serf.go reconnect, reap), apart from
// the table so what other code sees of a dead member is unchanged. Plain
// methods, no sockets or timers; detector.ts decides when to try an entry.

export interface ReconnectEntry {
  readonly name: string;
  readonly address: string;
  /** clock.now() when the member was declared dead */
  readonly deadAt: number;
}

export class ReconnectList {
  readonly #timeoutMs: number;
  readonly #maxEntries: number;
  /** name → entry, oldest death first (Map insertion order) */
  readonly #entries = new Map<string, ReconnectEntry>();

  /** entries are dropped timeoutMs after the death, and beyond maxEntries the oldest death goes first */
  constructor(opts: { timeoutMs: number; maxEntries: number }) {
    this.#timeoutMs = opts.timeoutMs;
    this.#maxEntries = opts.maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** a member was declared dead: keep its address; a second death moves it to the most recent */
  add(name: string, address: string, now: number): void {
    this.#entries.delete(name);
    this.#entries.set(name, { name, address, deadAt: now });
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** the member is alive again or left gracefully: never tried again for this death */
  remove(name: string): void {
    this.#entries.delete(name);
  }

  /** drops the entries of members dead longer than the timeout; returns their names */
  expire(now: number): string[] {
    const gone: string[] = [];
    for (const e of this.#entries.values()) {
      // oldest first: the first one still inside the timeout ends the scan
      if (now - e.deadAt < this.#timeoutMs) break;
      gone.push(e.name);
    }
    for (const name of gone) this.#entries.delete(name);
    return gone;
  }

  /** one entry chosen uniformly, or undefined when empty */
  pick(random: () => number): ReconnectEntry | undefined {
    if (this.#entries.size === 0) return undefined;
    let i = Math.floor(random() * this.#entries.size);
    for (const e of this.#entries.values()) if (i-- === 0) return e;
    return undefined;
  }
}
