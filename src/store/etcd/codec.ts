// Conversions between the Store contract's types and etcd's protobuf messages
// as etcd3 decodes them (keepCase, int64 as decimal strings, enums as names).
// Requests pass enum values as numbers: etcd3's const enums do not exist at
// run time, and protobufjs accepts the numbers.

import type { IKeyValue, ICompare, IRequestOp } from 'etcd3';

import { InvalidArgumentError } from '../../errors.js';
import type { Compare, KeyValue, TxnOp, WatchEvent } from '../store.js';
import { MAX_TXN_OPS } from '../store.js';

/** etcdserverpb.Compare.CompareResult */
const CompareResult = { '=': 0, '>': 1, '<': 2, '!=': 3 } as const;
/** etcdserverpb.Compare.CompareTarget */
const CompareTarget = { version: 0, createRevision: 1, modRevision: 2, value: 3 } as const;

const ZERO = Buffer.from([0]);

export function keyBytes(key: string): Buffer {
  return Buffer.from(key, 'utf8');
}

/**
 * The [key, range_end) of every key starting with `prefix` (etcd's
 * GetPrefixRangeEnd): the prefix with its last byte below 0xff incremented;
 * '\0' (to the end of the keyspace) when there is none. The empty prefix is
 * the whole keyspace.
 */
export function prefixRange(prefix: string): { key: Buffer; rangeEnd: Buffer } {
  const p = keyBytes(prefix);
  if (p.length === 0) return { key: ZERO, rangeEnd: ZERO };
  for (let i = p.length - 1; i >= 0; i--) {
    if (p[i] < 0xff) {
      const end = Buffer.from(p.subarray(0, i + 1));
      end[i]++;
      return { key: p, rangeEnd: end };
    }
  }
  return { key: p, rangeEnd: ZERO };
}

const DECIMAL = /^(0|[1-9][0-9]{0,18})$/;

/** checks a revision (or lease id) string from a caller: a non-negative decimal int64 */
export function checkDecimal(what: string, value: string): string {
  if (!DECIMAL.test(value) || BigInt(value) > 9223372036854775807n) {
    throw new InvalidArgumentError(`${what} '${value}' is not a non-negative decimal integer`);
  }
  return value;
}

/** a copy of protobuf bytes as a plain Uint8Array (not a Buffer slice of the whole message) */
export function bytes(b: Buffer | Uint8Array | null | undefined): Uint8Array {
  return b ? new Uint8Array(b) : new Uint8Array(0);
}

export function toKeyValue(kv: IKeyValue): KeyValue {
  const out: { -readonly [K in keyof KeyValue]: KeyValue[K] } = {
    key: kv.key.toString('utf8'),
    value: bytes(kv.value),
    createRevision: String(kv.create_revision),
    modRevision: String(kv.mod_revision),
    version: Number(kv.version),
  };
  if (kv.lease && kv.lease !== '0') out.lease = String(kv.lease);
  return out;
}

export function toCompare(c: Compare): ICompare {
  const base = { key: keyBytes(c.key), result: CompareResult[c.op] as number, target: CompareTarget[c.target] as number };
  switch (c.target) {
    case 'value':
      return { ...base, value: Buffer.from(c.value) };
    case 'createRevision':
      return { ...base, create_revision: checkDecimal('compare value', c.value) };
    case 'modRevision':
      return { ...base, mod_revision: checkDecimal('compare value', c.value) };
    case 'version':
      return { ...base, version: checkDecimal('compare value', c.value) };
  }
}

export function toRequestOp(op: TxnOp): IRequestOp {
  switch (op.type) {
    case 'put':
      return {
        request_put: {
          key: keyBytes(op.key),
          value: Buffer.from(op.value),
          ...(op.lease !== undefined ? { lease: checkDecimal('lease', op.lease) } : {}),
        },
      };
    case 'delete':
      return { request_delete_range: { key: keyBytes(op.key) } };
    case 'deletePrefix': {
      const r = prefixRange(op.prefix);
      return { request_delete_range: { key: r.key, range_end: r.rangeEnd } };
    }
    case 'get':
      return { request_range: { key: keyBytes(op.key) } };
  }
}

/**
 * Checks one branch of a txn before it is sent: at most MAX_TXN_OPS
 * operations, and no key written twice (two writes of one key, or a put
 * inside a deleted prefix). etcd checks most of this too, but it allows
 * deleting one key twice and its op limit is a server flag.
 */
export function checkBranch(branch: string, ops: readonly TxnOp[]): void {
  if (ops.length > MAX_TXN_OPS) {
    throw new InvalidArgumentError(`txn ${branch}: ${ops.length} operations, at most ${MAX_TXN_OPS} allowed`);
  }
  const written = new Set<string>();
  const prefixes: string[] = [];
  for (const op of ops) {
    if (op.type === 'put' || op.type === 'delete') {
      if (written.has(op.key)) throw new InvalidArgumentError(`txn ${branch}: key '${op.key}' is written more than once`);
      written.add(op.key);
    } else if (op.type === 'deletePrefix') {
      prefixes.push(op.prefix);
    }
  }
  for (const key of written) {
    const p = prefixes.find((prefix) => key.startsWith(prefix));
    if (p !== undefined) throw new InvalidArgumentError(`txn ${branch}: key '${key}' is written more than once (also under deleted prefix '${p}')`);
  }
}

/** etcd's mvccpb.Event as etcd3 decodes it */
export interface RawEvent {
  /** mvccpb.Event.EventType: etcd3 decodes enums as their proto names ('Put', 'Delete') */
  type: 'Put' | 'Delete' | number;
  kv: IKeyValue;
  prev_kv?: IKeyValue | null;
}

export function toWatchEvent(ev: RawEvent, prevValues: boolean): WatchEvent {
  const key = ev.kv.key.toString('utf8');
  const revision = String(ev.kv.mod_revision);
  const prev = prevValues && ev.prev_kv ? bytes(ev.prev_kv.value) : undefined;
  if (ev.type === 'Delete' || ev.type === 1) {
    return prev !== undefined ? { type: 'delete', key, revision, prevValue: prev } : { type: 'delete', key, revision };
  }
  const put = {
    type: 'put' as const,
    key,
    value: bytes(ev.kv.value),
    revision,
    createRevision: String(ev.kv.create_revision),
    version: Number(ev.kv.version),
  };
  return prev !== undefined ? { ...put, prevValue: prev } : put;
}
