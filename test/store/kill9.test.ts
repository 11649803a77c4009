// Crash safety of the embedded store: a child process writes from several
// concurrent writers and prints every acknowledged write; we SIGKILL it at a
// random point, reopen the data dir, and check that every acknowledged write
// is there with its value and revision, that no txn is half-applied, that each
// writer's writes survived as a prefix of what it issued, and that the event
// history replayed by a watch from revision 1 rebuilds exactly the stored
// state. Several rounds run on the same dir, so recovery also has to cope
// with its own earlier repairs.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openEmbeddedStore } from '../../src/store/embedded/index.js';
import type { Store } from '../../src/store/store.js';
import type { ChildAck } from '../helpers/embedded-writer-child.js';

const ROUNDS = 10;
const WRITERS = 4;
const CHILD = fileURLToPath(new URL('../helpers/embedded-writer-child.ts', import.meta.url));
const dec = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));

/** runs one child until it has printed `killAfter` acks, then SIGKILLs it; resolves with its acks */
async function runAndKill(dir: string, round: number, killAfter: number): Promise<ChildAck[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(round), String(WRITERS)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const closed = once(child, 'close');
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const acks: ChildAck[] = [];
  let isReady = false;
  const killed = new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`round ${round}: no ${killAfter} acks within 15 s (got ${acks.length}); stderr: ${stderr}`)), 15_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line === 'READY') isReady = true;
      else if (line.startsWith('{')) acks.push(JSON.parse(line) as ChildAck);
      if (isReady && acks.length >= killAfter && child.exitCode === null && !child.killed) {
        clearTimeout(deadline);
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') {
        clearTimeout(deadline);
        reject(new Error(`round ${round}: child exited on its own (code ${code}, signal ${signal}): ${stderr}`));
      }
    });
  });
  try {
    await killed;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closed;
  }
  return acks;
}

interface Parsed {
  round: number;
  writer: number;
  index: number;
  part: 'p' | 'a' | 'b' | 'c';
}

function parseKey(key: string): Parsed {
  const m = /^\/k9\/r(\d+)\/w(\d+)\/(?:p\/(\d+)|t\/(\d+)\/([abc]))$/.exec(key);
  assert.ok(m, `unexpected key ${key}`);
  return m[3] !== undefined
    ? { round: Number(m[1]), writer: Number(m[2]), index: Number(m[3]), part: 'p' }
    : { round: Number(m[1]), writer: Number(m[2]), index: Number(m[4]), part: m[5] as 'a' | 'b' | 'c' };
}

async function verify(store: Store, acks: readonly ChildAck[], rounds: number, label: string): Promise<void> {
  const listed = await store.list('/k9/r');
  const state = new Map(listed.items.map((kv) => [kv.key, kv]));

  // 1. every acknowledged write is there, with its value and revision
  const revisions = new Set<string>();
  for (const ack of acks) {
    assert.ok(!revisions.has(ack.revision), `${label}: revision ${ack.revision} acknowledged twice`);
    revisions.add(ack.revision);
    if (ack.type === 'put') {
      const kv = state.get(ack.key);
      assert.deepEqual({ v: dec(kv?.value), rev: kv?.modRevision }, { v: ack.value, rev: ack.revision }, `${label}: acked put ${ack.key}`);
      continue;
    }
    for (const key of ack.keys.slice(0, 2)) {
      const kv = state.get(key);
      assert.deepEqual({ v: dec(kv?.value), rev: kv?.modRevision }, { v: ack.value, rev: ack.revision }, `${label}: acked txn key ${key}`);
    }
    if (ack.deleted) assert.equal(state.get(ack.deleted), undefined, `${label}: acked txn deleted ${ack.deleted}`);
  }

  // 2. per writer: applied writes form a prefix of what it issued, and each txn is all or nothing
  for (let r = 0; r < rounds; r++) {
    for (let w = 0; w < WRITERS; w++) {
      const base = `/k9/r${r}/w${w}/`;
      const has = (i: number) => state.has(i % 2 === 0 ? `${base}p/${i}` : `${base}t/${i}/a`);
      let top = -1;
      for (const key of state.keys()) {
        const k = parseKey(key);
        if (k.round === r && k.writer === w) top = Math.max(top, k.index);
      }
      let lastRev = 0n;
      for (let i = 0; i <= top; i++) {
        assert.ok(has(i), `${label}: ${base} write ${i} is missing although write ${top} survived`);
        if (i % 2 === 0) {
          const rev = BigInt(state.get(`${base}p/${i}`)!.modRevision);
          assert.ok(rev > lastRev, `${label}: ${base} write ${i} has a revision below its predecessor`);
          lastRev = rev;
          continue;
        }
        const a = state.get(`${base}t/${i}/a`)!;
        const b = state.get(`${base}t/${i}/b`);
        const c = state.get(`${base}t/${i}/c`);
        assert.equal(b?.modRevision, a.modRevision, `${label}: txn ${base}t/${i}: b not written with a`);
        if (has(i + 2)) assert.equal(c, undefined, `${label}: txn ${base}t/${i + 2} applied but its delete of c is missing`);
        else assert.equal(c?.modRevision, a.modRevision, `${label}: txn ${base}t/${i}: c not written with a`);
        assert.ok(BigInt(a.modRevision) > lastRev, `${label}: ${base} txn ${i} has a revision below its predecessor`);
        lastRev = BigInt(a.modRevision);
      }
    }
  }

  // 3. the event history from revision 1 rebuilds the state, and holds every acknowledged revision
  const current = BigInt(await store.revision());
  for (const ack of acks) assert.ok(BigInt(ack.revision) <= current, `${label}: acked revision ${ack.revision} above the store's ${current}`);
  const sentinel = `/k9/sentinel/${label}`;
  const ac = new AbortController();
  const watch = store.watch('/k9/', { signal: ac.signal, fromRevision: '1' });
  const { revision: sentinelRev } = await store.put(sentinel, new Uint8Array([1]));
  const folded = new Map<string, string>();
  const seenRevisions = new Set<string>();
  let prev = 0n;
  for await (const ev of watch) {
    if (ev.type === 'bookmark') continue;
    if (ev.key === sentinel) break;
    const rev = BigInt(ev.revision);
    assert.ok(rev >= prev && rev < BigInt(sentinelRev), `${label}: event revisions out of order (${prev} then ${rev})`);
    prev = rev;
    seenRevisions.add(ev.revision);
    if (ev.key.startsWith('/k9/sentinel/')) continue;
    if (ev.type === 'put') folded.set(ev.key, dec(ev.value)!);
    else folded.delete(ev.key);
  }
  ac.abort();
  assert.deepEqual(
    folded,
    new Map(listed.items.map((kv) => [kv.key, dec(kv.value)!])),
    `${label}: replayed history differs from the stored state`,
  );
  for (const ack of acks) assert.ok(seenRevisions.has(ack.revision), `${label}: no event at acked revision ${ack.revision}`);
}

void describe('embedded store under kill -9', () => {
  const dirs: string[] = [];
  void after(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  void it('keeps every acknowledged write and never half-applies a txn across repeated SIGKILLs', { timeout: 60_000 }, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-kill9-'));
    dirs.push(dir);
    const acks: ChildAck[] = [];
    const killPoints = [0, ...Array.from({ length: ROUNDS - 1 }, () => 50 + Math.floor(Math.random() * 2500))];
    for (let round = 0; round < ROUNDS; round++) {
      acks.push(...(await runAndKill(dir, round, killPoints[round])));
      const store = await openEmbeddedStore({ dataDir: dir, historyLimit: Infinity });
      if (store.recovery.truncated) t.diagnostic(`round ${round}: recovery cut ${JSON.stringify(store.recovery.truncated)}`);
      try {
        await verify(store, acks, round + 1, `round ${round} (killed after ${killPoints[round]} acks)`);
      } finally {
        await store.close();
      }
    }
    assert.ok(acks.length > 200, `the child made progress (${acks.length} acks)`);
    t.diagnostic(`${acks.length} acknowledged writes over ${ROUNDS} rounds, killed after ${killPoints.join(', ')} acks`);
  });
});
