// Child process for test/store/kill9.test.ts: opens an embedded store in the
// dir given as argv[2] and writes until it is killed, from several concurrent
// writers, so kills land mid-batch, mid-fsync and mid-snapshot. Each writer
// alternates a put and a txn (three puts plus a delete of an earlier txn's
// key) and prints one JSON line per acknowledged write; the parent checks
// that every printed write survived and that no txn is half-applied.
//
//   node --import tsx test/helpers/embedded-writer-child.ts <dir> <round> <writers>
//
// Key layout: /k9/r<round>/w<writer>/p/<i> for puts, /k9/r<round>/w<writer>/t/<i>/{a,b,c}
// for txns; txn i also deletes /k9/r<round>/w<writer>/t/<i-2>/c.

import { openEmbeddedStore } from '../../src/store/embedded/index.js';
import type { TxnOp } from '../../src/store/store.js';

export type ChildAck =
  | { type: 'put'; key: string; value: string; revision: string }
  | { type: 'txn'; keys: string[]; value: string; deleted: string | undefined; revision: string };

const enc = (s: string) => new TextEncoder().encode(s);
const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(dir: string, round: string, writers: number): Promise<void> {
  const store = await openEmbeddedStore({ dataDir: dir, snapshotEvery: 150, historyLimit: Infinity });
  out('READY');
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const base = `/k9/r${round}/w${w}/`;
      for (let i = 0; ; i++) {
        if (i % 2 === 0) {
          const key = `${base}p/${i}`;
          const value = `v${round}.${w}.${i}`;
          const { revision } = await store.put(key, enc(value));
          out(JSON.stringify({ type: 'put', key, value, revision } satisfies ChildAck));
        } else {
          const keys = ['a', 'b', 'c'].map((x) => `${base}t/${i}/${x}`);
          const value = `t${round}.${w}.${i}`;
          const ops: TxnOp[] = keys.map((key) => ({ type: 'put', key, value: enc(value) }));
          const deleted = i >= 3 ? `${base}t/${i - 2}/c` : undefined;
          if (deleted) ops.push({ type: 'delete', key: deleted });
          const r = await store.txn({ compares: [], success: ops });
          out(JSON.stringify({ type: 'txn', keys, value, deleted, revision: r.revision } satisfies ChildAck));
        }
      }
    }),
  );
}

if (process.argv[2] !== undefined) {
  main(process.argv[2], process.argv[3] ?? '0', Number(process.argv[4] ?? 4)).catch((err: unknown) => {
    process.stderr.write(`writer child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
