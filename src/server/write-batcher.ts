// Group commit for guarded writes. While one txn is in flight, further
// writes queue; when it returns, the queue goes out as ONE txn holding every
// compare and every op. The store's cost is per txn (a raft round and an
// fsync on etcd), so concurrent writers share it instead of queueing behind
// each other.
//
// Each write keeps its own meaning: a combined txn commits only if every
// compare of every write holds; if it does not, each write of the batch is
// sent again on its own and gets its own answer. Writes whose keys overlap,
// or that would push the txn over MAX_TXN_OPS, wait for the next batch. An
// error (e.g. UNAVAILABLE with an unknown outcome) fails every write of the
// txn that hit it, exactly as it would have failed each one alone.

import { MAX_TXN_OPS, type Compare, type Store, type TxnOp } from '../store/index.js';

export interface GuardedWrite {
  readonly compares: readonly Compare[];
  /** puts and deletes only (no reads, no prefix deletes) */
  readonly ops: readonly TxnOp[];
}

export interface WriteOutcome {
  readonly succeeded: boolean;
  /** the txn's revision: shared by every write of a committed batch */
  readonly revision: string;
}

interface Pending {
  readonly write: GuardedWrite;
  readonly resolve: (o: WriteOutcome) => void;
  readonly reject: (e: unknown) => void;
}

export class WriteBatcher {
  readonly #queue: Pending[] = [];
  #inFlight = false;
  /** counters for tests and benchmarks */
  readonly stats = { txns: 0, writes: 0, batched: 0, split: 0 };

  constructor(private readonly store: Store) {}

  /** commits `write` if its compares hold; resolves with the outcome or rejects with the store's error */
  submit(write: GuardedWrite): Promise<WriteOutcome> {
    for (const op of write.ops) {
      if (op.type !== 'put' && op.type !== 'delete') throw new TypeError(`write batcher takes puts and deletes, not ${op.type}`);
    }
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.#queue.push({ write, resolve, reject });
      if (!this.#inFlight) this.#drain();
    });
  }

  #drain(): void {
    const batch = this.#take();
    if (batch.length === 0) return;
    this.#inFlight = true;
    void this.#send(batch).finally(() => {
      this.#inFlight = false;
      this.#drain();
    });
  }

  /**
   * Queued writes for one txn, in queue order, skipping (for the next batch)
   * any whose keys clash with one already taken or that would not fit; so two
   * writes of one key keep their order, while writes of different keys, which
   * were concurrent anyway, may commit in one txn.
   */
  #take(): Pending[] {
    const batch: Pending[] = [];
    const keys = new Set<string>();
    let ops = 0;
    let compares = 0;
    for (let i = 0; i < this.#queue.length; ) {
      const p = this.#queue[i];
      const clash = p.write.ops.some((o) => keys.has((o as { key: string }).key));
      const full = ops + p.write.ops.length > MAX_TXN_OPS || compares + p.write.compares.length > MAX_TXN_OPS;
      if (batch.length > 0 && (clash || full)) {
        i++;
        continue;
      }
      for (const o of p.write.ops) keys.add((o as { key: string }).key);
      ops += p.write.ops.length;
      compares += p.write.compares.length;
      batch.push(p);
      this.#queue.splice(i, 1);
    }
    return batch;
  }

  async #send(batch: Pending[]): Promise<void> {
    this.stats.writes += batch.length;
    if (batch.length === 1) {
      await this.#one(batch[0]);
      return;
    }
    this.stats.batched += batch.length;
    const seen = new Set<string>();
    const compares: Compare[] = [];
    for (const p of batch) {
      for (const c of p.write.compares) {
        const id = `${c.key}\u0000${c.target}\u0000${c.op}\u0000${typeof c.value === 'string' ? c.value : Buffer.from(c.value).toString('base64')}`;
        if (!seen.has(id)) {
          seen.add(id);
          compares.push(c);
        }
      }
    }
    let res;
    try {
      this.stats.txns++;
      res = await this.store.txn({ compares, success: batch.flatMap((p) => p.write.ops) });
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    if (res.succeeded) {
      for (const p of batch) p.resolve({ succeeded: true, revision: res.revision });
      return;
    }
    // some compare failed: let each write find out for itself
    this.stats.split++;
    await Promise.all(batch.map((p) => this.#one(p)));
  }

  async #one(p: Pending): Promise<void> {
    try {
      this.stats.txns++;
      const res = await this.store.txn({ compares: p.write.compares, success: p.write.ops });
      p.resolve({ succeeded: res.succeeded, revision: res.revision });
    } catch (err) {
      p.reject(err);
    }
  }
}
