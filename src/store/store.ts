// The Store contract: the only shared memory of a Flotilla cluster. Two
// backends implement it (etcd/ through etcd3, embedded/ in-process with a WAL)
// and one conformance suite (conformance/) pins the semantics both must have.
// Semantics follow etcd v3 so the embedded backend never promises more than
// etcd gives: one global revision, bumped once per write transaction; MVCC
// reads at a past revision until compaction; watches from a revision.
//
// Revisions are decimal strings (etcd counts in int64). Keys are strings built
// only by keys.ts. Values are opaque bytes.

/** One key as stored at some revision. */
export interface KeyValue {
  readonly key: string;
  readonly value: Uint8Array;
  /** revision of the transaction that created the key (since its last delete) */
  readonly createRevision: string;
  /** revision of the transaction that last wrote the key */
  readonly modRevision: string;
  /** number of puts since creation; 1 right after creation */
  readonly version: number;
  /** id of the lease the key is attached to, if any */
  readonly lease?: string;
}

export interface ReadOptions {
  /** read as of this revision (MVCC); CompactedError when it is below the compact revision */
  readonly revision?: string;
  readonly signal?: AbortSignal;
}

export interface ListOptions extends ReadOptions {
  /** at most this many items; undefined or 0 means no limit */
  readonly limit?: number;
  /** only keys strictly greater than this one (the paging cursor) */
  readonly startAfter?: string;
}

export interface ListResult {
  /** in ascending key order */
  readonly items: KeyValue[];
  /** the revision the list was read at; pass it back with startAfter for the next page */
  readonly revision: string;
  /** true when `limit` cut the result short */
  readonly more: boolean;
}

export interface PutOptions {
  /**
   * Optimistic concurrency: '0' means the key must not exist; any other value
   * must equal the key's current modRevision. A mismatch throws
   * RevisionConflictError (ABORTED) and writes nothing.
   */
  readonly expectedRevision?: string;
  /** attach the key to this lease; it is deleted when the lease ends */
  readonly lease?: string;
  readonly signal?: AbortSignal;
}

export interface DeleteOptions {
  /** as in PutOptions; a missing key never matches a non-'0' expectation */
  readonly expectedRevision?: string;
  readonly signal?: AbortSignal;
}

export interface WriteResult {
  /** the store revision after the operation (unchanged when nothing was written) */
  readonly revision: string;
}

export interface DeleteResult extends WriteResult {
  /** number of keys removed */
  readonly deleted: number;
}

/**
 * A condition on one key, evaluated atomically at the start of a txn. On a
 * missing key createRevision, modRevision and version are 0 and a 'value'
 * compare is false.
 */
export type Compare =
  | {
      readonly key: string;
      readonly target: 'createRevision' | 'modRevision' | 'version';
      readonly op: '=' | '!=' | '<' | '>';
      /** decimal integer */
      readonly value: string;
    }
  | {
      readonly key: string;
      readonly target: 'value';
      readonly op: '=' | '!=' | '<' | '>';
      readonly value: Uint8Array;
    };

export type TxnOp =
  | { readonly type: 'put'; readonly key: string; readonly value: Uint8Array; readonly lease?: string }
  | { readonly type: 'delete'; readonly key: string }
  | { readonly type: 'deletePrefix'; readonly prefix: string }
  | { readonly type: 'get'; readonly key: string };

export type TxnOpResult =
  | { readonly type: 'put' }
  | { readonly type: 'delete'; readonly deleted: number }
  | { readonly type: 'deletePrefix'; readonly deleted: number }
  | { readonly type: 'get'; readonly kv: KeyValue | undefined };

/**
 * All compares are checked atomically; if all hold, `success` runs, else
 * `failure`. All writes of a txn share one new revision (none when the
 * branch taken writes nothing). A key may be written at most once per txn
 * (INVALID_ARGUMENT otherwise). A txn holds at most 128 operations.
 */
export interface Txn {
  readonly compares: readonly Compare[];
  readonly success: readonly TxnOp[];
  readonly failure?: readonly TxnOp[];
}

export interface TxnResult {
  readonly succeeded: boolean;
  readonly revision: string;
  /** one per op of the branch that ran, in order */
  readonly results: TxnOpResult[];
}

export type WatchEvent =
  | {
      readonly type: 'put';
      readonly key: string;
      readonly value: Uint8Array;
      /** modRevision of the write */
      readonly revision: string;
      readonly createRevision: string;
      readonly version: number;
      /** the value before this write, when `prevValues` was requested and the key existed */
      readonly prevValue?: Uint8Array;
    }
  | {
      readonly type: 'delete';
      readonly key: string;
      readonly revision: string;
      /** the value that was deleted, when `prevValues` was requested */
      readonly prevValue?: Uint8Array;
    }
  | {
      /** every event for the prefix up to and including `revision` has been delivered */
      readonly type: 'bookmark';
      readonly revision: string;
    };

export interface WatchOptions {
  /** ending the watch; the iterator then finishes without an error */
  readonly signal: AbortSignal;
  /**
   * First revision to deliver (inclusive, as in etcd). Below the compact
   * revision: the iterator throws CompactedError (OUT_OF_RANGE) and the
   * consumer re-lists. Undefined: changes from about now on; the etcd backend
   * reads the start revision just after the call, so a write in that gap can
   * be missed. Consumers that must not miss anything pass the revision of a
   * read they made (list, get or txn) plus one.
   */
  readonly fromRevision?: string;
  /** include the previous value on put and delete events */
  readonly prevValues?: boolean;
  /**
   * When set, emit a bookmark at least this often while the watch is idle and
   * the backend can prove it is up to date (the embedded backend always can).
   */
  readonly bookmarkIntervalMs?: number;
}

/** A lease: keys attached to it disappear when it ends. */
export interface Lease extends AsyncDisposable {
  readonly id: string;
  readonly ttlSeconds: number;
  /**
   * Resolves (never rejects) with the reason once the lease is gone: it
   * expired, was revoked, or keep-alives failed for longer than its TTL (our
   * own deadline, not the library's word). Never resolves while healthy.
   */
  readonly lost: Promise<Error>;
  /** stop sending keep-alives; the lease then expires after its TTL (tests, crash simulation) */
  abandon(): void;
  /** revokes now, deleting attached keys; idempotent; resolves `lost` */
  revoke(): Promise<void>;
}

export interface Store extends AsyncDisposable {
  /** 'etcd' or 'embedded' */
  readonly backend: string;
  get(key: string, opts?: ReadOptions): Promise<KeyValue | undefined>;
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  put(key: string, value: Uint8Array, opts?: PutOptions): Promise<WriteResult>;
  delete(key: string, opts?: DeleteOptions): Promise<DeleteResult>;
  deletePrefix(prefix: string, opts?: { signal?: AbortSignal }): Promise<DeleteResult>;
  txn(txn: Txn, opts?: { signal?: AbortSignal }): Promise<TxnResult>;
  /**
   * Changes under `prefix` in revision order (events of one txn in op order).
   * Survives connection loss inside the backend by resuming from the last
   * delivered revision. `break` or the signal ends it and frees the watcher.
   */
  watch(prefix: string, opts: WatchOptions): AsyncIterable<WatchEvent>;
  /** grants a lease and keeps it alive until revoke/abandon/close */
  grantLease(ttlSeconds: number, opts?: { signal?: AbortSignal }): Promise<Lease>;
  /** the current revision; doubles as a reachability check */
  revision(opts?: { signal?: AbortSignal }): Promise<string>;
  /** the oldest revision still readable ('0' or '1' when nothing was compacted) */
  compactRevision(opts?: { signal?: AbortSignal }): Promise<string>;
  /** discards history below `revision`; later reads/watches below it throw CompactedError */
  compact(revision: string, opts?: { signal?: AbortSignal }): Promise<void>;
  /** ends watches (they finish without error), stops lease keep-alives, releases files/connections; idempotent */
  close(): Promise<void>;
}

/** The most operations one txn may hold (etcd's default --max-txn-ops). */
export const MAX_TXN_OPS = 128;
