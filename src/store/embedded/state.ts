// The store's state machine: the MVCC index plus the lease table, and the one
// place where writes are decided and applied. Live operations (runTxn,
// grantLease, revokeLease, compact) validate first, then mutate
// synchronously and return the WAL record that reproduces the mutation;
// replay() applies such a record on recovery and checks that it fits (a
// record that does not fit means the files are damaged). No I/O, no clock.

import { CompactedError, FlotillaError, NotFoundError } from '../../errors.js';
import type { Txn, TxnOpResult } from '../store.js';
import { LeaseTable, type LeaseState } from './leases.js';
import { Mvcc, toKeyValue } from './mvcc.js';
import type { RecordOp, WalRecord } from './records.js';
import { compareHolds, validateTxn } from './txn.js';

export interface TxnOutcome {
  readonly succeeded: boolean;
  /** the txn's new revision, or the current one when it wrote nothing */
  readonly revision: number;
  readonly results: TxnOpResult[];
  /** what to persist; undefined when nothing was written */
  readonly record: WalRecord | undefined;
}

/** A record read back from the WAL does not fit the state before it. */
export class ReplayMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayMismatchError';
  }
}

export class StoreState {
  readonly mvcc = new Mvcc();
  readonly leases = new LeaseTable();

  #put(key: string, value: Uint8Array, lease: string | undefined, rev: number, sub: number): void {
    const prev = this.mvcc.latest(key);
    if (prev?.lease !== undefined && prev.lease !== lease) this.leases.detach(prev.lease, key);
    this.mvcc.write(key, rev, sub, value, lease);
    if (lease !== undefined) this.leases.attach(lease, key);
  }

  /** the key must be live */
  #delete(key: string, rev: number, sub: number): void {
    const prev = this.mvcc.latest(key)!;
    if (prev.lease !== undefined) this.leases.detach(prev.lease, key);
    this.mvcc.write(key, rev, sub, undefined, undefined);
  }

  /**
   * Runs a txn against the newest state. Throws InvalidArgumentError (bad
   * txn) or NotFoundError (a put names a lease that does not exist) before
   * changing anything. Values written are copied.
   */
  runTxn(txn: Txn): TxnOutcome {
    validateTxn(txn);
    const succeeded = txn.compares.every((c) => compareHolds(c, this.mvcc.latest(c.key)));
    const ops = (succeeded ? txn.success : txn.failure) ?? [];
    for (const op of ops) {
      if (op.type === 'put' && op.lease !== undefined && !this.leases.get(op.lease)) {
        throw new NotFoundError(`lease ${op.lease}`);
      }
    }
    const rev = this.mvcc.revision + 1;
    const written: RecordOp[] = [];
    const results = ops.map((op): TxnOpResult => {
      switch (op.type) {
        case 'put': {
          const value = new Uint8Array(op.value);
          this.#put(op.key, value, op.lease, rev, written.length);
          written.push({ type: 'put', key: op.key, value, lease: op.lease });
          return { type: 'put' };
        }
        case 'delete': {
          if (!this.mvcc.latest(op.key)) return { type: 'delete', deleted: 0 };
          this.#delete(op.key, rev, written.length);
          written.push({ type: 'delete', key: op.key });
          return { type: 'delete', deleted: 1 };
        }
        case 'deletePrefix': {
          const keys = this.mvcc.liveKeys(op.prefix);
          for (const key of keys) {
            this.#delete(key, rev, written.length);
            written.push({ type: 'delete', key });
          }
          return { type: 'deletePrefix', deleted: keys.length };
        }
        case 'get':
          return { type: 'get', kv: toKeyValue(this.mvcc.latest(op.key)) };
      }
    });
    if (written.length === 0) return { succeeded, revision: this.mvcc.revision, results, record: undefined };
    this.mvcc.setRevision(rev);
    return { succeeded, revision: rev, results, record: { type: 'txn', revision: rev, ops: written } };
  }

  grantLease(ttlSeconds: number, expiresAt: number): { lease: LeaseState; record: WalRecord } {
    const lease = this.leases.add(this.leases.allocateId(), ttlSeconds, expiresAt);
    return { lease, record: { type: 'lease-grant', id: lease.id, ttlSeconds } };
  }

  /**
   * Ends a lease, deleting its keys (in key order) at one new revision.
   * Undefined when the lease does not exist.
   */
  revokeLease(id: string): { revision: number; record: WalRecord } | undefined {
    const lease = this.leases.get(id);
    if (!lease) return undefined;
    const keys = [...lease.keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const rev = keys.length > 0 ? this.mvcc.revision + 1 : 0;
    keys.forEach((key, sub) => this.#delete(key, rev, sub));
    this.leases.delete(id);
    if (rev > 0) this.mvcc.setRevision(rev);
    return { revision: rev, record: { type: 'lease-revoke', id, revision: rev, keys } };
  }

  /**
   * Discards history below `rev`. Throws CompactedError when `rev` is not
   * above the compact revision and OUT_OF_RANGE when it is above `upTo`
   * (as etcd does for both).
   */
  compact(rev: number, upTo: number): WalRecord {
    if (rev > upTo) throw new FlotillaError('OUT_OF_RANGE', `cannot compact to revision ${rev}: the current revision is ${upTo}`);
    if (rev <= this.mvcc.compactRevision) throw new CompactedError(String(rev), String(this.mvcc.compactRevision));
    this.mvcc.compact(rev);
    return { type: 'compact', revision: rev };
  }

  /**
   * Completes loading a snapshot (after its leases and histories went into
   * leases and mvcc): sets the revisions and re-attaches live keys to their
   * leases. ReplayMismatchError when a key names a lease the snapshot lacks.
   */
  finishSnapshotLoad(meta: { revision: number; compactRevision: number; nextLeaseId: number }): void {
    this.mvcc.finishLoad(meta.revision, meta.compactRevision);
    this.leases.nextId = meta.nextLeaseId;
    for (const [key, entries] of this.mvcc.histories()) {
      const lease = entries[entries.length - 1].lease;
      if (lease === undefined) continue;
      if (!this.leases.get(lease)) throw new ReplayMismatchError(`key '${key}' names unknown lease ${lease}`);
      this.leases.attach(lease, key);
    }
  }

  /** applies a record read back from the WAL; ReplayMismatchError when it does not fit */
  replay(rec: WalRecord): void {
    switch (rec.type) {
      case 'txn': {
        this.#expectNext(rec.revision);
        rec.ops.forEach((op, sub) => {
          if (op.type === 'put') {
            if (op.lease !== undefined && !this.leases.get(op.lease)) {
              throw new ReplayMismatchError(`put of '${op.key}' names unknown lease ${op.lease}`);
            }
            this.#put(op.key, op.value, op.lease, rec.revision, sub);
          } else {
            if (!this.mvcc.latest(op.key)) throw new ReplayMismatchError(`delete of missing key '${op.key}'`);
            this.#delete(op.key, rec.revision, sub);
          }
        });
        this.mvcc.setRevision(rec.revision);
        return;
      }
      case 'lease-grant':
        if (this.leases.get(rec.id)) throw new ReplayMismatchError(`lease ${rec.id} granted twice`);
        this.leases.add(rec.id, rec.ttlSeconds, Infinity);
        return;
      case 'lease-revoke': {
        const lease = this.leases.get(rec.id);
        if (!lease) throw new ReplayMismatchError(`revoke of unknown lease ${rec.id}`);
        if (rec.keys.length > 0) this.#expectNext(rec.revision);
        rec.keys.forEach((key, sub) => {
          if (!this.mvcc.latest(key)) throw new ReplayMismatchError(`lease ${rec.id} revoke deletes missing key '${key}'`);
          this.#delete(key, rec.revision, sub);
        });
        if (lease.keys.size > 0) throw new ReplayMismatchError(`lease ${rec.id} revoke leaves keys attached`);
        this.leases.delete(rec.id);
        if (rec.keys.length > 0) this.mvcc.setRevision(rec.revision);
        return;
      }
      case 'compact':
        if (rec.revision > this.mvcc.revision) {
          throw new ReplayMismatchError(`compaction to ${rec.revision} beyond revision ${this.mvcc.revision}`);
        }
        this.mvcc.compact(rec.revision);
        return;
    }
  }

  #expectNext(rev: number): void {
    if (rev !== this.mvcc.revision + 1) {
      throw new ReplayMismatchError(`record at revision ${rev} does not follow revision ${this.mvcc.revision}`);
    }
  }
}
