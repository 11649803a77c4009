// The lease table: which leases exist, their TTLs, the keys attached to each,
// and when each expires. Pure bookkeeping with no clock and no I/O: the store
// decides expiry instants (Infinity while a handle in this process keeps the
// lease alive) and runs the one expiry timer; state.ts keeps the key sets in
// step with writes. Lease ids are decimal strings of a counter that never
// goes back (persisted in snapshots), so an id is never reused by one store.

export interface LeaseState {
  readonly id: string;
  readonly ttlSeconds: number;
  /** live keys whose newest write names this lease */
  readonly keys: Set<string>;
  /** clock epoch ms at which it expires; Infinity while kept alive */
  expiresAt: number;
}

export class LeaseTable {
  readonly #leases = new Map<string, LeaseState>();
  /** the next id to hand out; always above every id ever granted */
  #nextId = 1;

  get nextId(): number {
    return this.#nextId;
  }

  set nextId(n: number) {
    this.#nextId = Math.max(this.#nextId, n);
  }

  get size(): number {
    return this.#leases.size;
  }

  allocateId(): string {
    return String(this.#nextId++);
  }

  add(id: string, ttlSeconds: number, expiresAt: number): LeaseState {
    const lease: LeaseState = { id, ttlSeconds, keys: new Set(), expiresAt };
    this.#leases.set(id, lease);
    const n = Number(id);
    if (Number.isSafeInteger(n) && n >= this.#nextId) this.#nextId = n + 1;
    return lease;
  }

  get(id: string): LeaseState | undefined {
    return this.#leases.get(id);
  }

  delete(id: string): void {
    this.#leases.delete(id);
  }

  attach(id: string, key: string): void {
    this.#leases.get(id)?.keys.add(key);
  }

  detach(id: string, key: string): void {
    this.#leases.get(id)?.keys.delete(key);
  }

  values(): IterableIterator<LeaseState> {
    return this.#leases.values();
  }

  /** the earliest expiry instant, Infinity when every lease is kept alive */
  nextExpiry(): number {
    let min = Infinity;
    for (const l of this.#leases.values()) if (l.expiresAt < min) min = l.expiresAt;
    return min;
  }

  /** leases due at `now`, earliest first */
  due(now: number): LeaseState[] {
    const out: LeaseState[] = [];
    for (const l of this.#leases.values()) if (l.expiresAt <= now) out.push(l);
    return out.sort((a, b) => a.expiresAt - b.expiresAt);
  }
}
