// Checks on what callers hand the store (keys, revisions, values, txns) and
// the evaluation of txn compares. Limits follow etcd's defaults so the
// embedded backend never accepts what etcd would refuse: 128 ops per txn
// branch (--max-txn-ops), 1.5 MiB per request (--max-request-bytes), no
// empty keys. Unlike etcd, which lets two deletes overlap, no key may be
// written twice in one branch, as the contract says.

import { InvalidArgumentError, type FieldIssue } from '../../errors.js';
import { MAX_TXN_OPS, type Compare, type Txn, type TxnOp } from '../store.js';
import type { Entry } from './mvcc.js';

/** etcd's default --max-request-bytes */
export const MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

const DECIMAL = /^\d+$/;

/** a decimal revision string as a number; InvalidArgumentError naming `path` otherwise */
export function parseRevision(value: unknown, path: string): number {
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
  }
  throw new InvalidArgumentError([{ path, message: `'${String(value)}' is not a decimal revision` }]);
}

export function keyIssue(key: unknown, path: string): FieldIssue | undefined {
  if (typeof key !== 'string' || key.length === 0) return { path, message: 'must be a non-empty string' };
  return undefined;
}

export function checkKey(key: unknown, path = 'key'): asserts key is string {
  const issue = keyIssue(key, path);
  if (issue) throw new InvalidArgumentError([issue]);
}

export function checkValue(value: unknown, path = 'value'): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new InvalidArgumentError([{ path, message: 'must be a Uint8Array' }]);
}

const TARGETS = new Set(['createRevision', 'modRevision', 'version', 'value']);
const OPS = new Set(['=', '!=', '<', '>']);

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function checkBranch(ops: readonly TxnOp[] | undefined, name: string, issues: FieldIssue[]): number {
  if (ops === undefined) return 0;
  if (!Array.isArray(ops)) {
    issues.push({ path: name, message: 'must be an array' });
    return 0;
  }
  if (ops.length > MAX_TXN_OPS) {
    issues.push({ path: name, message: `${ops.length} operations exceed the limit of ${MAX_TXN_OPS}` });
  }
  let bytes = 0;
  const written = new Set<string>();
  const prefixes: string[] = [];
  const clash = (path: string, what: string) => issues.push({ path, message: `${what} is written more than once in this txn` });
  ops.forEach((op: TxnOp, i) => {
    const at = `${name}[${i}]`;
    switch (op?.type) {
      case 'put':
      case 'delete': {
        const issue = keyIssue(op.key, `${at}.key`);
        if (issue) {
          issues.push(issue);
          return;
        }
        if (op.type === 'put') {
          if (!(op.value instanceof Uint8Array)) issues.push({ path: `${at}.value`, message: 'must be a Uint8Array' });
          else bytes += op.value.length;
          if (op.lease !== undefined && (typeof op.lease !== 'string' || !DECIMAL.test(op.lease))) {
            issues.push({ path: `${at}.lease`, message: `'${String(op.lease)}' is not a lease id` });
          }
        }
        bytes += utf8Bytes(op.key);
        if (written.has(op.key) || prefixes.some((p) => op.key.startsWith(p))) clash(`${at}.key`, `'${op.key}'`);
        written.add(op.key);
        return;
      }
      case 'deletePrefix': {
        if (typeof op.prefix !== 'string') {
          issues.push({ path: `${at}.prefix`, message: 'must be a string' });
          return;
        }
        const p = op.prefix;
        bytes += utf8Bytes(p);
        const overlaps =
          prefixes.some((q) => p.startsWith(q) || q.startsWith(p)) || [...written].some((k) => k.startsWith(p));
        if (overlaps) clash(`${at}.prefix`, `a key under '${p}'`);
        prefixes.push(p);
        return;
      }
      case 'get': {
        const issue = keyIssue(op.key, `${at}.key`);
        if (issue) issues.push(issue);
        else bytes += utf8Bytes(op.key);
        return;
      }
      default:
        issues.push({ path: `${at}.type`, message: `unknown operation '${String((op as { type?: unknown })?.type)}'` });
    }
  });
  return bytes;
}

/** structural checks on both branches (as etcd does, whichever runs); throws InvalidArgumentError with every issue */
export function validateTxn(txn: Txn): void {
  const issues: FieldIssue[] = [];
  let bytes = 0;
  if (!Array.isArray(txn?.compares)) issues.push({ path: 'compares', message: 'must be an array' });
  else {
    if (txn.compares.length > MAX_TXN_OPS) {
      issues.push({ path: 'compares', message: `${txn.compares.length} compares exceed the limit of ${MAX_TXN_OPS}` });
    }
    txn.compares.forEach((c: Compare, i) => {
      const at = `compares[${i}]`;
      const issue = keyIssue(c?.key, `${at}.key`);
      if (issue) issues.push(issue);
      else bytes += utf8Bytes(c.key);
      if (!TARGETS.has(c?.target)) issues.push({ path: `${at}.target`, message: `unknown target '${String(c?.target)}'` });
      if (!OPS.has(c?.op)) issues.push({ path: `${at}.op`, message: `unknown operator '${String(c?.op)}'` });
      if (c?.target === 'value') {
        if (!(c.value instanceof Uint8Array)) issues.push({ path: `${at}.value`, message: 'must be a Uint8Array' });
        else bytes += c.value.length;
      } else if (typeof c?.value !== 'string' || !DECIMAL.test(c.value) || !Number.isSafeInteger(Number(c.value))) {
        issues.push({ path: `${at}.value`, message: `'${String(c?.value)}' is not a decimal integer` });
      }
    });
  }
  bytes += checkBranch(txn?.success, 'success', issues);
  bytes += checkBranch(txn?.failure, 'failure', issues);
  if (bytes > MAX_REQUEST_BYTES) {
    issues.push({ path: '', message: `request is too large (${bytes} bytes, the limit is ${MAX_REQUEST_BYTES})` });
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
}

function holds(sign: number, op: Compare['op']): boolean {
  switch (op) {
    case '=':
      return sign === 0;
    case '!=':
      return sign !== 0;
    case '<':
      return sign < 0;
    case '>':
      return sign > 0;
  }
}

/** evaluates a validated compare against the key's live entry (undefined: missing) */
export function compareHolds(c: Compare, e: Entry | undefined): boolean {
  if (c.target === 'value') {
    if (e?.value === undefined) return false;
    return holds(Buffer.compare(e.value, c.value), c.op);
  }
  const actual = e === undefined ? 0 : c.target === 'version' ? e.version : c.target === 'createRevision' ? e.createRevision : e.modRevision;
  return holds(Math.sign(actual - Number(c.value)), c.op);
}
