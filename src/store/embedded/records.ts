// The WAL's record types and their binary layout. A record is one state
// change as state.ts applied it (deletes of a prefix already expanded into
// keys), so replaying records in order rebuilds exactly the acknowledged
// state. Framing, checksums and files are wal.ts's business.
//
//   txn          u8 1, uvar revision, uvar n, n × op
//                  op: u8 1 put | u8 2 put-with-lease | u8 3 delete, str key,
//                      [bytes value], [str lease]
//   lease-grant  u8 2, str id, uvar ttlSeconds
//   lease-revoke u8 3, str id, uvar revision (0: no key deleted), uvar n, n × str key
//   compact      u8 4, uvar revision

import { ByteReader, ByteWriter, DecodeError } from './codec.js';

export type RecordOp =
  | { readonly type: 'put'; readonly key: string; readonly value: Uint8Array; readonly lease: string | undefined }
  | { readonly type: 'delete'; readonly key: string };

export type WalRecord =
  | { readonly type: 'txn'; readonly revision: number; readonly ops: readonly RecordOp[] }
  | { readonly type: 'lease-grant'; readonly id: string; readonly ttlSeconds: number }
  | { readonly type: 'lease-revoke'; readonly id: string; readonly revision: number; readonly keys: readonly string[] }
  | { readonly type: 'compact'; readonly revision: number };

const TXN = 1;
const LEASE_GRANT = 2;
const LEASE_REVOKE = 3;
const COMPACT = 4;

const OP_PUT = 1;
const OP_PUT_LEASE = 2;
const OP_DELETE = 3;

export function encodeRecord(w: ByteWriter, r: WalRecord): void {
  switch (r.type) {
    case 'txn':
      w.u8(TXN);
      w.uvar(r.revision);
      w.uvar(r.ops.length);
      for (const op of r.ops) {
        if (op.type === 'delete') {
          w.u8(OP_DELETE);
          w.str(op.key);
        } else {
          w.u8(op.lease === undefined ? OP_PUT : OP_PUT_LEASE);
          w.str(op.key);
          w.bytes(op.value);
          if (op.lease !== undefined) w.str(op.lease);
        }
      }
      return;
    case 'lease-grant':
      w.u8(LEASE_GRANT);
      w.str(r.id);
      w.uvar(r.ttlSeconds);
      return;
    case 'lease-revoke':
      w.u8(LEASE_REVOKE);
      w.str(r.id);
      w.uvar(r.revision);
      w.uvar(r.keys.length);
      for (const k of r.keys) w.str(k);
      return;
    case 'compact':
      w.u8(COMPACT);
      w.uvar(r.revision);
      return;
  }
}

export function decodeRecord(r: ByteReader): WalRecord {
  const at = r.offset;
  const tag = r.u8();
  switch (tag) {
    case TXN: {
      const revision = r.uvar();
      const n = r.uvar();
      const ops: RecordOp[] = [];
      for (let i = 0; i < n; i++) {
        const opAt = r.offset;
        const kind = r.u8();
        const key = r.str();
        if (kind === OP_DELETE) ops.push({ type: 'delete', key });
        else if (kind === OP_PUT) ops.push({ type: 'put', key, value: r.bytes(), lease: undefined });
        else if (kind === OP_PUT_LEASE) {
          const value = r.bytes();
          ops.push({ type: 'put', key, value, lease: r.str() });
        } else throw new DecodeError(`unknown txn op ${kind}`, opAt);
      }
      return { type: 'txn', revision, ops };
    }
    case LEASE_GRANT: {
      const id = r.str();
      return { type: 'lease-grant', id, ttlSeconds: r.uvar() };
    }
    case LEASE_REVOKE: {
      const id = r.str();
      const revision = r.uvar();
      const n = r.uvar();
      const keys: string[] = [];
      for (let i = 0; i < n; i++) keys.push(r.str());
      return { type: 'lease-revoke', id, revision, keys };
    }
    case COMPACT:
      return { type: 'compact', revision: r.uvar() };
    default:
      throw new DecodeError(`unknown record type ${tag}`, at);
  }
}
