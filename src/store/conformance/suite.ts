// The store conformance suite: the semantics every backend must have, run
// unchanged against the embedded backend and real etcd. A backend's test file
// calls runStoreConformance() with a factory; nothing here knows which backend
// it is talking to.
//
// Rules that keep it backend-neutral:
// - every test works under its own random key prefix, because one etcd serves
//   every test of a file;
// - revisions are only compared relative to revisions the test itself saw
//   (never "starts at 1"), using BigInt arithmetic on the decimal strings;
// - tests run one after another (node:test's default inside a file), so a
//   test may assert that the global revision did not move; tests therefore
//   leave no lease behind that could expire later and delete keys;
// - timing is never asserted tightly: waits use generous deadlines.
// Behaviour only one backend can promise (bookmarks, crash recovery) is tested
// in that backend's own files.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { assertEventually, collectUntil, within } from '../../../test/helpers/eventually.js';
import { isFlotillaError, RevisionConflictError, type ErrorCode, type FlotillaError } from '../../errors.js';
import { MAX_TXN_OPS, type Compare, type Store, type TxnOp, type WatchEvent, type WatchOptions } from '../store.js';

export interface StoreFactory {
  /** a store to test; the suite closes it at the end of each test */
  open(): Promise<Store>;
  /**
   * The same data again after the store from the latest open() (or reopen())
   * was closed (embedded: the same data dir; etcd: a new client on the same
   * etcd). Without it the restart tests are skipped, saying so.
   */
  reopen?(): Promise<Store>;
  /** a fresh key prefix per test; default `/conformance/<uuid>/` */
  keyPrefix?(): string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const enc = (s: string): Uint8Array => encoder.encode(s);
const dec = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : decoder.decode(b));
/** `rev` + n as a decimal revision string */
const plus = (rev: string, n: number): string => String(BigInt(rev) + BigInt(n));

async function rejectsWith(p: Promise<unknown>, code: ErrorCode, what: string): Promise<FlotillaError> {
  try {
    await p;
  } catch (err) {
    if (isFlotillaError(err, code)) return err;
    assert.fail(`${what}: expected a FlotillaError ${code}, got ${err instanceof Error ? `${err.name} ${(err as { code?: string }).code ?? ''}: ${err.message}` : String(err)}`);
  }
  assert.fail(`${what}: expected ${code}, but it succeeded`);
}

/** one event as a short string: `put k=v @rev` / `delete k @rev` (keys relative to `p`) */
function brief(p: string, ev: WatchEvent): string {
  if (ev.type === 'bookmark') return `bookmark @${ev.revision}`;
  const key = ev.key.startsWith(p) ? ev.key.slice(p.length) : ev.key;
  return ev.type === 'put' ? `put ${key}=${dec(ev.value)} @${ev.revision}` : `delete ${key} @${ev.revision}`;
}

interface TestWatch {
  readonly it: AsyncIterator<WatchEvent>;
  readonly ac: AbortController;
  /** the next `n` non-bookmark events */
  take(n: number): Promise<WatchEvent[]>;
}

function startWatch(store: Store, prefix: string, opts: Omit<WatchOptions, 'signal'> = {}): TestWatch {
  const ac = new AbortController();
  const it = store.watch(prefix, { ...opts, signal: ac.signal })[Symbol.asyncIterator]();
  return {
    it,
    ac,
    async take(n) {
      const got = await collectUntil(it, (items) => items.filter((e) => e.type !== 'bookmark').length >= n);
      return got.filter((e) => e.type !== 'bookmark');
    },
  };
}

/**
 * A watch from the revision after the current one, so it sees exactly the
 * writes made after this resolves, however long the backend takes to set the
 * watch up.
 */
async function watchFromNow(store: Store, prefix: string, opts: Omit<WatchOptions, 'signal' | 'fromRevision'> = {}): Promise<TestWatch> {
  return startWatch(store, prefix, { ...opts, fromRevision: plus(await store.revision(), 1) });
}

/** resolves with `p`'s value, or fails the test after `ms` */

export function runStoreConformance(name: string, factory: StoreFactory): void {
  const newPrefix = (): string => factory.keyPrefix?.() ?? `/conformance/${randomUUID()}/`;
  const open = new Set<Store>();

  /** an it() that gets a store and a fresh prefix, and always closes the store */
  function test(title: string, fn: (s: Store, p: string) => Promise<void>): void {
    void it(title, async () => {
      const store = await factory.open();
      open.add(store);
      try {
        await fn(store, newPrefix());
      } finally {
        open.delete(store);
        await store.close();
      }
    });
  }

  void after(async () => {
    await Promise.allSettled([...open].map((s) => s.close()));
  });

  void describe(`store conformance: ${name}`, () => {
    void describe('get', () => {
      test('returns undefined for a key that was never written', async (s, p) => {
        assert.equal(await s.get(`${p}missing`), undefined);
      });

      test('returns the value with createRevision = modRevision = the put revision and version 1 after a create', async (s, p) => {
        const { revision } = await s.put(`${p}k`, enc('v1'));
        const kv = await s.get(`${p}k`);
        assert.ok(kv);
        assert.equal(kv.key, `${p}k`);
        assert.equal(dec(kv.value), 'v1');
        assert.equal(kv.createRevision, revision);
        assert.equal(kv.modRevision, revision);
        assert.equal(kv.version, 1);
        assert.equal(kv.lease, undefined);
      });

      test('an update bumps modRevision and version and keeps createRevision', async (s, p) => {
        const r1 = (await s.put(`${p}k`, enc('v1'))).revision;
        const r2 = (await s.put(`${p}k`, enc('v2'))).revision;
        const r3 = (await s.put(`${p}k`, enc('v3'))).revision;
        const kv = await s.get(`${p}k`);
        assert.deepEqual(
          { value: dec(kv?.value), create: kv?.createRevision, mod: kv?.modRevision, version: kv?.version },
          { value: 'v3', create: r1, mod: r3, version: 3 },
        );
        assert.equal(r2, plus(r1, 1));
        assert.equal(r3, plus(r2, 1));
      });

      test('a key deleted and created again starts over at version 1 with a new createRevision', async (s, p) => {
        await s.put(`${p}k`, enc('a'));
        await s.put(`${p}k`, enc('b'));
        await s.delete(`${p}k`);
        assert.equal(await s.get(`${p}k`), undefined);
        const { revision } = await s.put(`${p}k`, enc('c'));
        const kv = await s.get(`${p}k`);
        assert.deepEqual({ create: kv?.createRevision, version: kv?.version }, { create: revision, version: 1 });
      });

      test('reads the key as it was at a past revision (MVCC)', async (s, p) => {
        const k = `${p}k`;
        const r1 = (await s.put(k, enc('a'))).revision;
        const r2 = (await s.put(k, enc('b'))).revision;
        const r3 = (await s.delete(k)).revision;
        const at1 = await s.get(k, { revision: r1 });
        assert.deepEqual({ v: dec(at1?.value), mod: at1?.modRevision, version: at1?.version }, { v: 'a', mod: r1, version: 1 });
        const at2 = await s.get(k, { revision: r2 });
        assert.deepEqual({ v: dec(at2?.value), mod: at2?.modRevision, version: at2?.version }, { v: 'b', mod: r2, version: 2 });
        assert.equal(await s.get(k, { revision: r3 }), undefined, 'deleted at r3');
        assert.equal(await s.get(k, { revision: plus(r1, -1) }), undefined, 'not yet created before r1');
        assert.equal(await s.get(k), undefined);
      });

      test('stores a copy: mutating the bytes passed to put or returned by get changes nothing stored', async (s, p) => {
        const value = enc('abc');
        await s.put(`${p}k`, value);
        value[0] = 0x7a;
        const first = await s.get(`${p}k`);
        assert.equal(dec(first?.value), 'abc');
        first!.value[0] = 0x79;
        assert.equal(dec((await s.get(`${p}k`))?.value), 'abc');
      });
    });

    void describe('list', () => {
      test('returns the keys under a prefix in ascending order with the revision it read at', async (s, p) => {
        for (const k of ['c', 'a', 'e', 'b', 'd']) await s.put(`${p}${k}`, enc(k.toUpperCase()));
        const rev = await s.revision();
        const r = await s.list(p);
        assert.deepEqual(
          r.items.map((kv) => `${kv.key.slice(p.length)}=${dec(kv.value)}`),
          ['a=A', 'b=B', 'c=C', 'd=D', 'e=E'],
        );
        assert.equal(r.more, false);
        assert.equal(r.revision, rev);
        assert.deepEqual((await s.list(`${p}nothing/`)).items, []);
      });

      test('matches a plain string prefix: "/a/b/" excludes "/a/bc" and "/a/b", "/a/b" includes them', async (s, p) => {
        for (const k of ['a/b', 'a/b/1', 'a/b/2', 'a/bc', 'a/c']) await s.put(`${p}${k}`, enc(k));
        const keys = async (prefix: string) => (await s.list(`${p}${prefix}`)).items.map((kv) => kv.key.slice(p.length));
        assert.deepEqual(await keys('a/b/'), ['a/b/1', 'a/b/2']);
        assert.deepEqual(await keys('a/b'), ['a/b', 'a/b/1', 'a/b/2', 'a/bc']);
      });

      test('pages with limit and startAfter, setting `more` while keys remain', async (s, p) => {
        for (const k of ['a', 'b', 'c', 'd', 'e']) await s.put(`${p}${k}`, enc(k));
        const keys = (items: { key: string }[]) => items.map((kv) => kv.key.slice(p.length));
        const page1 = await s.list(p, { limit: 2 });
        assert.deepEqual({ keys: keys(page1.items), more: page1.more }, { keys: ['a', 'b'], more: true });
        const page2 = await s.list(p, { limit: 2, startAfter: page1.items[1].key, revision: page1.revision });
        assert.deepEqual({ keys: keys(page2.items), more: page2.more }, { keys: ['c', 'd'], more: true });
        const page3 = await s.list(p, { limit: 2, startAfter: page2.items[1].key, revision: page1.revision });
        assert.deepEqual({ keys: keys(page3.items), more: page3.more }, { keys: ['e'], more: false });
        const exact = await s.list(p, { limit: 5 });
        assert.equal(exact.more, false, 'a limit equal to the number of keys leaves nothing more');
      });

      test('reads the next page at the first page\'s revision even when keys were written in between', async (s, p) => {
        for (const k of ['a', 'b', 'c', 'd']) await s.put(`${p}${k}`, enc(`${k}1`));
        const page1 = await s.list(p, { limit: 2 });
        await s.put(`${p}bb`, enc('new'));
        await s.put(`${p}c`, enc('c2'));
        await s.delete(`${p}d`);
        await s.put(`${p}e`, enc('new'));
        const page2 = await s.list(p, { limit: 10, startAfter: page1.items[1].key, revision: page1.revision });
        assert.equal(page2.revision, page1.revision);
        assert.deepEqual(
          page2.items.map((kv) => `${kv.key.slice(p.length)}=${dec(kv.value)}`),
          ['c=c1', 'd=d1'],
        );
        const now = await s.list(p);
        assert.deepEqual(
          now.items.map((kv) => `${kv.key.slice(p.length)}=${dec(kv.value)}`),
          ['a=a1', 'b=b1', 'bb=new', 'c=c2', 'e=new'],
        );
      });

      test('lists the keys as they were at a past revision', async (s, p) => {
        await s.put(`${p}a`, enc('1'));
        const { revision } = await s.put(`${p}b`, enc('1'));
        await s.put(`${p}a`, enc('2'));
        await s.delete(`${p}b`);
        await s.put(`${p}c`, enc('1'));
        const r = await s.list(p, { revision });
        assert.equal(r.revision, revision);
        assert.deepEqual(r.items.map((kv) => `${kv.key.slice(p.length)}=${dec(kv.value)}`), ['a=1', 'b=1']);
      });
    });

    void describe('put', () => {
      test('returns the new revision, one above the previous one', async (s, p) => {
        const before = await s.revision();
        const { revision } = await s.put(`${p}k`, enc('v'));
        assert.equal(revision, plus(before, 1));
        assert.equal(await s.revision(), revision);
      });

      test("with expectedRevision '0' creates only when the key is absent", async (s, p) => {
        const { revision } = await s.put(`${p}k`, enc('first'), { expectedRevision: '0' });
        const err = await rejectsWith(s.put(`${p}k`, enc('second'), { expectedRevision: '0' }), 'ABORTED', "second create with '0'");
        assert.ok(err instanceof RevisionConflictError);
        assert.equal(err.key, `${p}k`);
        assert.equal(dec((await s.get(`${p}k`))?.value), 'first');
        assert.equal(await s.revision(), revision, 'a conflict writes nothing');
      });

      test('with expectedRevision equal to the modRevision succeeds, and a stale one throws ABORTED and writes nothing', async (s, p) => {
        const r1 = (await s.put(`${p}k`, enc('1'))).revision;
        const r2 = (await s.put(`${p}k`, enc('2'), { expectedRevision: r1 })).revision;
        assert.equal(r2, plus(r1, 1));
        await rejectsWith(s.put(`${p}k`, enc('3'), { expectedRevision: r1 }), 'ABORTED', 'put with a stale revision');
        const kv = await s.get(`${p}k`);
        assert.deepEqual({ v: dec(kv?.value), mod: kv?.modRevision }, { v: '2', mod: r2 });
        assert.equal(await s.revision(), r2);
      });

      test("with a non-'0' expectedRevision on a missing key throws ABORTED", async (s, p) => {
        const { revision } = await s.put(`${p}other`, enc('x'));
        await rejectsWith(s.put(`${p}k`, enc('v'), { expectedRevision: revision }), 'ABORTED', 'put of a missing key');
        assert.equal(await s.get(`${p}k`), undefined);
      });
    });

    void describe('delete', () => {
      test('removes the key at a new revision and reports one deletion', async (s, p) => {
        const r1 = (await s.put(`${p}k`, enc('v'))).revision;
        const d = await s.delete(`${p}k`);
        assert.deepEqual(d, { revision: plus(r1, 1), deleted: 1 });
        assert.equal(await s.get(`${p}k`), undefined);
      });

      test('of a missing key deletes nothing and does not bump the revision', async (s, p) => {
        const { revision } = await s.put(`${p}other`, enc('x'));
        assert.deepEqual(await s.delete(`${p}missing`), { revision, deleted: 0 });
        assert.equal(await s.revision(), revision);
      });

      test('with a stale expectedRevision throws ABORTED and keeps the key; with the current one it deletes', async (s, p) => {
        const r1 = (await s.put(`${p}k`, enc('1'))).revision;
        const r2 = (await s.put(`${p}k`, enc('2'))).revision;
        await rejectsWith(s.delete(`${p}k`, { expectedRevision: r1 }), 'ABORTED', 'delete with a stale revision');
        assert.equal(dec((await s.get(`${p}k`))?.value), '2');
        assert.equal(await s.revision(), r2);
        assert.equal((await s.delete(`${p}k`, { expectedRevision: r2 })).deleted, 1);
        assert.equal(await s.get(`${p}k`), undefined);
      });

      test('deletePrefix removes every key under the prefix at one revision and leaves siblings', async (s, p) => {
        for (const k of ['d/1', 'd/2', 'd/3', 'dx', 'e']) await s.put(`${p}${k}`, enc(k));
        const before = await s.revision();
        const r = await s.deletePrefix(`${p}d/`);
        assert.deepEqual(r, { revision: plus(before, 1), deleted: 3 });
        assert.deepEqual((await s.list(p)).items.map((kv) => kv.key.slice(p.length)), ['dx', 'e']);
        const none = await s.deletePrefix(`${p}d/`);
        assert.deepEqual(none, { revision: r.revision, deleted: 0 });
      });
    });

    void describe('txn', () => {
      test('compares createRevision, modRevision and version with = != < >', async (s, p) => {
        const k = `${p}k`;
        const r1 = (await s.put(k, enc('a'))).revision;
        const r2 = (await s.put(k, enc('b'))).revision;
        const cases: Array<[Compare['target'], Compare['op'], string, boolean]> = [
          ['createRevision', '=', r1, true],
          ['createRevision', '!=', r1, false],
          ['createRevision', '<', r2, true],
          ['createRevision', '>', r1, false],
          ['modRevision', '=', r2, true],
          ['modRevision', '=', r1, false],
          ['modRevision', '!=', r1, true],
          ['modRevision', '>', r1, true],
          ['modRevision', '<', r2, false],
          ['modRevision', '<', plus(r2, 1), true],
          ['version', '=', '2', true],
          ['version', '!=', '2', false],
          ['version', '<', '3', true],
          ['version', '>', '1', true],
          ['version', '>', '2', false],
        ];
        for (const [target, op, value, expected] of cases) {
          const r = await s.txn({ compares: [{ key: k, target, op, value } as Compare], success: [] });
          assert.equal(r.succeeded, expected, `${target} ${op} ${value} (create ${r1}, mod ${r2}, version 2)`);
        }
      });

      test('compares values byte-wise with = != < >', async (s, p) => {
        const k = `${p}k`;
        await s.put(k, enc('b'));
        const cases: Array<[Compare['op'], string, boolean]> = [
          ['=', 'b', true],
          ['=', 'c', false],
          ['!=', 'b', false],
          ['!=', 'a', true],
          ['<', 'c', true],
          ['<', 'ba', true],
          ['<', 'a', false],
          ['>', 'a', true],
          ['>', '', true],
          ['>', 'b', false],
        ];
        for (const [op, value, expected] of cases) {
          const r = await s.txn({ compares: [{ key: k, target: 'value', op, value: enc(value) }], success: [] });
          assert.equal(r.succeeded, expected, `value ${op} '${value}' (stored 'b')`);
        }
      });

      test('treats a missing key as revisions and version 0 and fails every value compare', async (s, p) => {
        const k = `${p}missing`;
        const cases: Array<[Compare, boolean]> = [
          [{ key: k, target: 'createRevision', op: '=', value: '0' }, true],
          [{ key: k, target: 'modRevision', op: '=', value: '0' }, true],
          [{ key: k, target: 'version', op: '=', value: '0' }, true],
          [{ key: k, target: 'version', op: '!=', value: '0' }, false],
          [{ key: k, target: 'modRevision', op: '<', value: '1' }, true],
          [{ key: k, target: 'modRevision', op: '>', value: '0' }, false],
          [{ key: k, target: 'value', op: '=', value: enc('') }, false],
          [{ key: k, target: 'value', op: '!=', value: enc('x') }, false],
          [{ key: k, target: 'value', op: '<', value: enc('z') }, false],
          [{ key: k, target: 'value', op: '>', value: enc('') }, false],
        ];
        for (const [c, expected] of cases) {
          const r = await s.txn({ compares: [c], success: [] });
          assert.equal(r.succeeded, expected, `missing key: ${c.target} ${c.op} ${typeof c.value === 'string' ? c.value : `'${dec(c.value)}'`}`);
        }
      });

      test('runs the success branch when every compare holds and the failure branch otherwise', async (s, p) => {
        const k = `${p}k`;
        const r1 = (await s.put(k, enc('v1'))).revision;
        const ok = await s.txn({
          compares: [
            { key: k, target: 'modRevision', op: '=', value: r1 },
            { key: k, target: 'value', op: '=', value: enc('v1') },
          ],
          success: [
            { type: 'put', key: k, value: enc('v2') },
            { type: 'get', key: `${p}missing` },
          ],
          failure: [{ type: 'put', key: `${p}failed`, value: enc('x') }],
        });
        assert.equal(ok.succeeded, true);
        assert.deepEqual(ok.results, [{ type: 'put' }, { type: 'get', kv: undefined }]);
        assert.equal(ok.revision, plus(r1, 1));
        const bad = await s.txn({
          compares: [
            { key: k, target: 'value', op: '=', value: enc('v2') },
            { key: k, target: 'modRevision', op: '=', value: r1 },
          ],
          success: [{ type: 'put', key: `${p}succeeded`, value: enc('x') }],
          failure: [
            { type: 'get', key: k },
            { type: 'put', key: `${p}failed`, value: enc('x') },
          ],
        });
        assert.equal(bad.succeeded, false);
        assert.equal(bad.revision, plus(r1, 2));
        assert.equal(bad.results.length, 2);
        const got = bad.results[0];
        assert.ok(got.type === 'get' && got.kv);
        assert.deepEqual({ v: dec(got.kv.value), mod: got.kv.modRevision, version: got.kv.version }, { v: 'v2', mod: ok.revision, version: 2 });
        assert.deepEqual(bad.results[1], { type: 'put' });
        assert.equal(await s.get(`${p}succeeded`), undefined);
        assert.equal(dec((await s.get(`${p}failed`))?.value), 'x');
      });

      test('a get after a put of the same key in one txn sees the put', async (s, p) => {
        const r = await s.txn({
          compares: [],
          success: [
            { type: 'put', key: `${p}k`, value: enc('new') },
            { type: 'get', key: `${p}k` },
          ],
        });
        const got = r.results[1];
        assert.ok(got.type === 'get' && got.kv);
        assert.deepEqual({ v: dec(got.kv.value), mod: got.kv.modRevision }, { v: 'new', mod: r.revision });
      });

      test('gives every write of one txn the same single new revision', async (s, p) => {
        await s.put(`${p}c`, enc('c'));
        await s.put(`${p}d/1`, enc('d1'));
        const before = (await s.put(`${p}d/2`, enc('d2'))).revision;
        const r = await s.txn({
          compares: [],
          success: [
            { type: 'put', key: `${p}a`, value: enc('a') },
            { type: 'put', key: `${p}b`, value: enc('b') },
            { type: 'delete', key: `${p}c` },
            { type: 'deletePrefix', prefix: `${p}d/` },
          ],
        });
        assert.equal(r.revision, plus(before, 1));
        assert.deepEqual(r.results, [{ type: 'put' }, { type: 'put' }, { type: 'delete', deleted: 1 }, { type: 'deletePrefix', deleted: 2 }]);
        assert.equal((await s.get(`${p}a`))?.modRevision, r.revision);
        assert.equal((await s.get(`${p}b`))?.modRevision, r.revision);
        assert.equal(await s.revision(), r.revision);
      });

      test('a txn that writes nothing leaves the revision unchanged', async (s, p) => {
        const { revision } = await s.put(`${p}k`, enc('v'));
        const reads = await s.txn({ compares: [], success: [{ type: 'get', key: `${p}k` }] });
        assert.equal(reads.revision, revision);
        const failed = await s.txn({ compares: [{ key: `${p}k`, target: 'version', op: '=', value: '0' }], success: [{ type: 'put', key: `${p}k`, value: enc('x') }] });
        assert.deepEqual({ ok: failed.succeeded, rev: failed.revision, results: failed.results }, { ok: false, rev: revision, results: [] });
        const noop = await s.txn({ compares: [], success: [{ type: 'delete', key: `${p}missing` }, { type: 'deletePrefix', prefix: `${p}none/` }] });
        assert.deepEqual(noop.results, [{ type: 'delete', deleted: 0 }, { type: 'deletePrefix', deleted: 0 }]);
        assert.equal(noop.revision, revision);
        assert.equal(await s.revision(), revision);
      });

      test('rejects a txn that writes the same key twice with INVALID_ARGUMENT and writes nothing', async (s, p) => {
        const { revision } = await s.put(`${p}other`, enc('x'));
        const bad: TxnOp[][] = [
          [
            { type: 'put', key: `${p}k`, value: enc('1') },
            { type: 'put', key: `${p}k`, value: enc('2') },
          ],
          [
            { type: 'put', key: `${p}k`, value: enc('1') },
            { type: 'delete', key: `${p}k` },
          ],
          [
            { type: 'put', key: `${p}x/1`, value: enc('1') },
            { type: 'deletePrefix', prefix: `${p}x/` },
          ],
        ];
        for (const success of bad) {
          await rejectsWith(s.txn({ compares: [], success }), 'INVALID_ARGUMENT', success.map((o) => o.type).join('+'));
        }
        assert.equal(await s.get(`${p}k`), undefined);
        assert.equal(await s.get(`${p}x/1`), undefined);
        assert.equal(await s.revision(), revision);
      });

      test(`accepts ${MAX_TXN_OPS} operations and rejects ${MAX_TXN_OPS + 1} with INVALID_ARGUMENT`, async (s, p) => {
        const puts = (n: number): TxnOp[] => Array.from({ length: n }, (_, i) => ({ type: 'put', key: `${p}k${i}`, value: enc(String(i)) }));
        const before = await s.revision();
        await rejectsWith(s.txn({ compares: [], success: puts(MAX_TXN_OPS + 1) }), 'INVALID_ARGUMENT', 'oversized txn');
        assert.equal(await s.revision(), before);
        const r = await s.txn({ compares: [], success: puts(MAX_TXN_OPS) });
        assert.equal(r.revision, plus(before, 1));
        assert.equal((await s.list(p)).items.length, MAX_TXN_OPS);
      });
    });

    void describe('revision', () => {
      test('bumps by exactly one per write and not at all for writes that change nothing', async (s, p) => {
        const r0 = await s.revision();
        const steps: Array<[string, () => Promise<unknown>, number]> = [
          ['put', () => s.put(`${p}a`, enc('1')), 1],
          ['txn of three puts', () => s.txn({ compares: [], success: ['x', 'y', 'z'].map((k) => ({ type: 'put' as const, key: `${p}${k}`, value: enc(k) })) }), 1],
          ['delete', () => s.delete(`${p}a`), 1],
          ['delete of a missing key', () => s.delete(`${p}a`), 0],
          ['deletePrefix matching nothing', () => s.deletePrefix(`${p}none/`), 0],
          ['deletePrefix of three keys', () => s.deletePrefix(p), 1],
        ];
        let expected = r0;
        for (const [what, step, bump] of steps) {
          await step();
          expected = plus(expected, bump);
          assert.equal(await s.revision(), expected, what);
        }
      });
    });

    void describe('watch', () => {
      test('without fromRevision delivers only changes made after the call', async (s, p) => {
        await s.put(`${p}before`, enc('x'));
        const w = startWatch(s, p);
        // A backend may need a moment to set the watch up (etcd: a round trip), so
        // keep writing until the watch delivers something: it must be one of
        // these later writes, never the earlier one.
        const first = w.it.next();
        let seen: IteratorResult<WatchEvent> | undefined;
        for (let i = 0; seen === undefined; i++) {
          assert.ok(i < 100, 'the watch never delivered a write made after it was started');
          await s.put(`${p}after/${i}`, enc(String(i)));
          seen = await Promise.race([first, new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
        }
        assert.equal(seen.done, false);
        assert.match(brief(p, seen.value), /^put after\/\d+=\d+ @/);
        const { revision } = await s.put(`${p}last`, enc('y'));
        const rest = await collectUntil(w.it, (items) => items.some((e) => e.type !== 'bookmark' && e.key === `${p}last`));
        for (const e of rest) if (e.type !== 'bookmark') assert.match(brief(p, e), /^put (after\/\d+=\d+|last=y) @/);
        assert.equal(rest.at(-1)?.revision, revision);
        w.ac.abort();
      });

      test('from a past revision replays history from that revision (inclusive), then continues live', async (s, p) => {
        const r1 = (await s.put(`${p}a`, enc('1'))).revision;
        const r2 = (await s.put(`${p}b`, enc('2'))).revision;
        const r3 = (await s.delete(`${p}a`)).revision;
        const w = startWatch(s, p, { fromRevision: r2 });
        assert.deepEqual((await w.take(2)).map((e) => brief(p, e)), [`put b=2 @${r2}`, `delete a @${r3}`]);
        const r4 = (await s.put(`${p}c`, enc('3'))).revision;
        assert.deepEqual((await w.take(1)).map((e) => brief(p, e)), [`put c=3 @${r4}`]);
        assert.ok(BigInt(r1) < BigInt(r2));
        w.ac.abort();
      });

      test('put events carry revision, createRevision and version', async (s, p) => {
        const w = await watchFromNow(s, p);
        const r1 = (await s.put(`${p}k`, enc('1'))).revision;
        const r2 = (await s.put(`${p}k`, enc('2'))).revision;
        const [e1, e2] = await w.take(2);
        assert.ok(e1.type === 'put' && e2.type === 'put');
        assert.deepEqual([e1.revision, e1.createRevision, e1.version], [r1, r1, 1]);
        assert.deepEqual([e2.revision, e2.createRevision, e2.version], [r2, r1, 2]);
        w.ac.abort();
      });

      test('delivers events in revision order, and the events of one txn in op order', async (s, p) => {
        await s.put(`${p}c`, enc('c'));
        await s.put(`${p}d/2`, enc('d2'));
        const from = (await s.put(`${p}d/1`, enc('d1'))).revision;
        const t = await s.txn({
          compares: [],
          success: [
            { type: 'put', key: `${p}z`, value: enc('z') },
            { type: 'delete', key: `${p}c` },
            { type: 'put', key: `${p}a`, value: enc('a') },
            { type: 'deletePrefix', prefix: `${p}d/` },
          ],
        });
        const after = (await s.put(`${p}b`, enc('b'))).revision;
        const w = startWatch(s, p, { fromRevision: plus(from, 1) });
        assert.deepEqual((await w.take(6)).map((e) => brief(p, e)), [
          `put z=z @${t.revision}`,
          `delete c @${t.revision}`,
          `put a=a @${t.revision}`,
          `delete d/1 @${t.revision}`,
          `delete d/2 @${t.revision}`,
          `put b=b @${after}`,
        ]);
        w.ac.abort();
      });

      test('sees every one of many concurrent writes, in increasing revision order', async (s, p) => {
        const w = await watchFromNow(s, p);
        const n = 32;
        const results = await Promise.all(Array.from({ length: n }, (_, i) => s.put(`${p}k${i}`, enc(String(i)))));
        const events = await w.take(n);
        const revs = events.map((e) => BigInt(e.revision));
        for (let i = 1; i < revs.length; i++) assert.ok(revs[i] > revs[i - 1], `revisions increase: ${revs.join(',')}`);
        const byKey = new Map(events.map((e) => [e.type === 'put' ? e.key : '', e.revision]));
        results.forEach((r, i) => assert.equal(byKey.get(`${p}k${i}`), r.revision, `k${i}`));
        assert.equal(new Set(results.map((r) => r.revision)).size, n, 'each put has its own revision');
        w.ac.abort();
      });

      test('only delivers keys under its prefix', async (s, p) => {
        const w = await watchFromNow(s, `${p}in/`);
        await s.put(`${p}inx`, enc('no'));
        await s.put(`${p}out`, enc('no'));
        const r = (await s.put(`${p}in/k`, enc('yes'))).revision;
        assert.deepEqual((await w.take(1)).map((e) => brief(p, e)), [`put in/k=yes @${r}`]);
        w.ac.abort();
      });

      test('with prevValues carries the previous value on puts and deletes; without it, never', async (s, p) => {
        const withPrev = await watchFromNow(s, p, { prevValues: true });
        const plain = await watchFromNow(s, p);
        await s.put(`${p}k`, enc('v1'));
        await s.put(`${p}k`, enc('v2'));
        await s.delete(`${p}k`);
        const got = await withPrev.take(3);
        assert.deepEqual(
          got.map((e) => (e.type === 'bookmark' ? undefined : dec(e.prevValue))),
          [undefined, 'v1', 'v2'],
        );
        const none = await plain.take(3);
        assert.deepEqual(none.map((e) => (e.type === 'bookmark' ? 'bookmark' : e.prevValue)), [undefined, undefined, undefined]);
        withPrev.ac.abort();
        plain.ac.abort();
      });

      test('break in for-await ends the watch', async (s, p) => {
        const ac = new AbortController();
        const it = s.watch(p, { signal: ac.signal, fromRevision: plus(await s.revision(), 1) })[Symbol.asyncIterator]();
        const r = (await s.put(`${p}a`, enc('1'))).revision;
        let seen: string | undefined;
        for await (const ev of { [Symbol.asyncIterator]: () => it }) {
          seen = brief(p, ev);
          break;
        }
        assert.equal(seen, `put a=1 @${r}`);
        await s.put(`${p}b`, enc('2'));
        assert.deepEqual(await within(it.next(), 5000, 'next() after break'), { value: undefined, done: true });
      });

      test('aborting the signal ends a waiting iterator without an error', async (s, p) => {
        const w = startWatch(s, p);
        const pending = w.it.next();
        w.ac.abort();
        assert.deepEqual(await within(pending, 5000, 'next() pending at abort'), { value: undefined, done: true });
        assert.equal((await within(w.it.next(), 5000, 'next() after abort')).done, true);
        const ac = new AbortController();
        ac.abort();
        const early = s.watch(p, { signal: ac.signal })[Symbol.asyncIterator]();
        assert.equal((await within(early.next(), 5000, 'watch with an aborted signal')).done, true);
      });

      test('from a compacted revision throws OUT_OF_RANGE; re-listing and watching from the list revision works', async (s, p) => {
        const r1 = (await s.put(`${p}a`, enc('1'))).revision;
        const r2 = (await s.put(`${p}a`, enc('2'))).revision;
        await s.put(`${p}b`, enc('1'));
        await s.compact(r2);
        const stale = startWatch(s, p, { fromRevision: r1 });
        await rejectsWith(within(stale.it.next(), 10_000, 'watch from a compacted revision'), 'OUT_OF_RANGE', 'watch from a compacted revision');
        stale.ac.abort();
        const listed = await s.list(p);
        assert.deepEqual(listed.items.map((kv) => `${kv.key.slice(p.length)}=${dec(kv.value)}`), ['a=2', 'b=1']);
        const w = startWatch(s, p, { fromRevision: plus(listed.revision, 1) });
        const r = (await s.put(`${p}c`, enc('1'))).revision;
        assert.deepEqual((await w.take(1)).map((e) => brief(p, e)), [`put c=1 @${r}`]);
        w.ac.abort();
      });
    });

    void describe('compaction', () => {
      test('reads below the compact revision throw OUT_OF_RANGE; reads at or above it still work', async (s, p) => {
        const r1 = (await s.put(`${p}k`, enc('1'))).revision;
        const r2 = (await s.put(`${p}k`, enc('2'))).revision;
        const r3 = (await s.put(`${p}k`, enc('3'))).revision;
        await s.compact(r2);
        assert.ok(BigInt(await s.compactRevision()) >= BigInt(r2), 'compactRevision reports the compaction');
        await rejectsWith(s.get(`${p}k`, { revision: r1 }), 'OUT_OF_RANGE', 'get below the compact revision');
        await rejectsWith(s.list(p, { revision: r1 }), 'OUT_OF_RANGE', 'list below the compact revision');
        assert.equal(dec((await s.get(`${p}k`, { revision: r2 }))?.value), '2');
        assert.equal(dec((await s.list(p, { revision: r2 })).items[0]?.value), '2');
        const kv = await s.get(`${p}k`);
        assert.deepEqual({ v: dec(kv?.value), create: kv?.createRevision, mod: kv?.modRevision, version: kv?.version }, { v: '3', create: r1, mod: r3, version: 3 });
      });
    });

    void describe('restart', { skip: factory.reopen ? false : 'the factory has no reopen(), so the test cannot get the same data back after close' }, () => {
      void it('keeps every acknowledged write across close and reopen', async () => {
        const p = newPrefix();
        let s = await factory.open();
        open.add(s);
        try {
          await s.put(`${p}a`, enc('1'));
          await s.put(`${p}b`, enc('1'));
          await s.put(`${p}a`, enc('2'));
          await s.delete(`${p}b`);
          const rev = (await s.put(`${p}c`, enc('1'))).revision;
          const before = await s.list(p);
          open.delete(s);
          await s.close();
          s = await factory.reopen!();
          open.add(s);
          assert.deepEqual(await s.list(p), before);
          assert.equal(await s.revision(), rev);
          assert.equal((await s.put(`${p}d`, enc('1'))).revision, plus(rev, 1));
        } finally {
          open.delete(s);
          await s.close();
        }
      });

      void it('resumes a watch after reopen from a revision noted before close', async () => {
        const p = newPrefix();
        let s = await factory.open();
        open.add(s);
        try {
          await s.put(`${p}a`, enc('1'));
          const noted = (await s.put(`${p}b`, enc('1'))).revision;
          const r3 = (await s.put(`${p}a`, enc('2'))).revision;
          open.delete(s);
          await s.close();
          s = await factory.reopen!();
          open.add(s);
          const r4 = (await s.delete(`${p}b`)).revision;
          const w = startWatch(s, p, { fromRevision: noted });
          assert.deepEqual((await w.take(3)).map((e) => brief(p, e)), [`put b=1 @${noted}`, `put a=2 @${r3}`, `delete b @${r4}`]);
          w.ac.abort();
        } finally {
          open.delete(s);
          await s.close();
        }
      });
    });

    void describe('leases', () => {
      test('a put with a lease attaches the key; revoke deletes it, watchers see the delete, and lost resolves', async (s, p) => {
        const lease = await s.grantLease(1);
        assert.ok(lease.ttlSeconds >= 1);
        await s.put(`${p}held`, enc('x'), { lease: lease.id });
        await s.put(`${p}free`, enc('y'));
        assert.equal((await s.get(`${p}held`))?.lease, lease.id);
        const w = await watchFromNow(s, p);
        await lease.revoke();
        assert.equal(await s.get(`${p}held`), undefined);
        assert.equal(dec((await s.get(`${p}free`))?.value), 'y');
        const [ev] = await w.take(1);
        assert.equal(brief(p, ev).replace(/ @.*/, ''), 'delete held');
        const reason = await within(lease.lost, 10_000, 'lease.lost after revoke');
        assert.ok(reason instanceof Error);
        await lease.revoke();
        w.ac.abort();
      });

      test('a put naming a lease that no longer exists throws NOT_FOUND', async (s, p) => {
        const lease = await s.grantLease(1);
        await lease.revoke();
        await rejectsWith(s.put(`${p}k`, enc('x'), { lease: lease.id }), 'NOT_FOUND', 'put with a revoked lease');
        assert.equal(await s.get(`${p}k`), undefined);
      });

      test('a kept-alive lease outlives its TTL; once abandoned its keys (even re-put ones) vanish and lost resolves', async (s, p) => {
        const lease = await s.grantLease(1);
        await s.put(`${p}a`, enc('1'), { lease: lease.id });
        await s.put(`${p}a`, enc('2'), { lease: lease.id });
        await s.put(`${p}b`, enc('1'), { lease: lease.id });
        const w = await watchFromNow(s, p);
        // the one sleep of the suite: proving that nothing happens needs time to pass
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(dec((await s.get(`${p}a`))?.value), '2', 'kept alive past its TTL');
        lease.abandon();
        await assertEventually(async () => assert.deepEqual((await s.list(p)).items, []), { timeoutMs: 15_000, intervalMs: 100 });
        const reason = await within(lease.lost, 15_000, 'lease.lost after expiry');
        assert.ok(reason instanceof Error);
        const events = await w.take(2);
        assert.deepEqual(events.map((e) => brief(p, e).replace(/ @.*/, '')).sort(), ['delete a', 'delete b']);
        assert.equal(events[0].revision, events[1].revision, 'one revision deletes all keys of the lease');
        w.ac.abort();
        await lease.revoke();
      });
    });

    void describe('close', () => {
      void it('ends active watches without an error and may be called twice', async () => {
        const s = await factory.open();
        open.add(s);
        const p = newPrefix();
        const w = startWatch(s, p);
        const pending = w.it.next();
        await s.close();
        assert.deepEqual(await within(pending, 5000, 'next() pending at close'), { value: undefined, done: true });
        await s.close();
        open.delete(s);
      });
    });
  });
}
