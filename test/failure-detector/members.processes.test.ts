// Real UDP on loopback, one process per member (src/failure-detector/standalone.ts).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gossipTuning } from '../../src/daemon/daemon.js';
import { Keyring } from '../../src/failure-detector/index.js';
import { defaultClusterConfig } from '../../src/resources/index.js';
import { assertEventually } from '../helpers/eventually.js';
import { startMember, stopMembers, type MemberProcess } from '../helpers/gossip-members.js';
import { tempDirs } from '../helpers/tmp.js';

const tuning = gossipTuning(defaultClusterConfig().gossip);
const tmp = tempDirs('flotilla-gossip-');
const started: MemberProcess[] = [];
after(() => stopMembers(started));

async function keyFile(dir: string, name: string, ...keys: string[]): Promise<string> {
  const f = join(dir, name);
  await writeFile(f, `${keys.join('\n')}\n`, { mode: 0o600 });
  return f;
}

async function group(n: number, keyFiles: readonly string[], prefix: string): Promise<MemberProcess[]> {
  const first = await startMember({ name: `${prefix}1`, keyFile: keyFiles[0], tuning, checkIntervalMs: 200 });
  const rest = await Promise.all(
    Array.from({ length: n - 1 }, (_, i) => startMember({ name: `${prefix}${i + 2}`, keyFile: keyFiles[i + 1], tuning, join: [first.address], checkIntervalMs: 200 })),
  );
  const all = [first, ...rest];
  started.push(...all);
  await assertAllSee(all, all.map((m) => m.name), 'alive');
  return all;
}

/**
 * Waits until every member has probed `rounds` more times and received as
 * many authenticated packets: gossip rounds really ran (a loaded machine may
 * run fewer in a given time), which a fixed sleep cannot promise.
 */
async function roundsPass(members: readonly MemberProcess[], rounds = 3): Promise<void> {
  const base = await Promise.all(members.map((m) => m.stats()));
  await assertEventually(
    async () => {
      for (const [i, m] of members.entries()) {
        const s = await m.stats();
        assert.ok(s.detector.probes - base[i].detector.probes >= rounds, `${m.name} probed ${rounds} more times`);
        assert.ok(s.transport.packetsReceived - base[i].transport.packetsReceived >= rounds, `${m.name} received ${rounds} more authenticated packets`);
      }
    },
    { timeoutMs: 20_000, intervalMs: 100 },
  );
}

async function assertAllSee(observers: readonly MemberProcess[], names: readonly string[], state: string, timeoutMs = 20_000): Promise<void> {
  await assertEventually(
    () => {
      for (const o of observers) {
        for (const n of names) {
          if (n === o.name) continue;
          assert.equal(o.view().get(n), state, `${o.name} holds ${n} as ${o.view().get(n)}, want ${state}`);
        }
      }
    },
    { timeoutMs },
  );
}

void describe('gossip over real UDP between processes', () => {
  void it('three members: kill -9 of one is reported dead by the others', async () => {
    const dir = await tmp();
    const k = await keyFile(dir, 'k', Keyring.generateKey());
    const [a, b, c] = await group(3, [k, k, k], 'kill-');
    const t0 = Date.now();
    c.kill('SIGKILL');
    await assertAllSee([a, b], [c.name], 'dead');
    for (const o of [a, b]) {
      const dead = o.events.find((e) => e.member === c.name && e.state === 'dead');
      assert.ok(dead && dead.t >= t0, `${o.name} recorded the death after the kill`);
      // With the default 150 ms probe timeout over real UDP, an event-loop
      // stall on a loaded CI machine can make a live member miss an ack and
      // be suspected; suspicion and refutation exist for exactly that, and
      // asserting none would test the machine, not the code. What must hold
      // is that no live member is ever declared dead, with the default tuning
      // the daemon runs.
      assert.equal(o.events.filter((e) => e.member !== c.name && (e.state === 'dead' || e.state === 'left')).length, 0, `${o.name} declared no live member dead`);
    }
    await assertAllSee([a, b], [a.name, b.name], 'alive');
    for (const o of [a, b]) assert.equal((await o.stats()).transport.authFailures, 0, `${o.name} refused nothing`);
  });

  void it('drops packets sealed with a key it does not hold, and the stranger never joins', async () => {
    const dir = await tmp();
    const k = await keyFile(dir, 'k', Keyring.generateKey());
    const [a, b] = await group(2, [k, k], 'auth-');
    const strangerKey = await keyFile(dir, 'other', Keyring.generateKey());
    const stranger = await startMember({ name: 'auth-stranger', keyFile: strangerKey, tuning, join: [a.address] });
    started.push(stranger);
    await assertEventually(async () => assert.ok((await a.stats()).transport.authFailures >= 1, 'the seed counted the stranger\'s join as unauthenticated'));
    // a few gossip rounds in which the stranger could have spread; it must appear nowhere
    await roundsPass([a, b]);
    for (const m of [a, b]) assert.equal(m.view().has('auth-stranger'), false, `${m.name} never saw the stranger`);
    assert.equal(stranger.view().size, 0, 'the stranger learned no member');
    stranger.kill();
  });

  void it('a key rotation through the key files keeps the group whole', async () => {
    const dir = await tmp();
    const [k1, k2] = [Keyring.generateKey(), Keyring.generateKey()];
    const files = await Promise.all([1, 2, 3].map((i) => keyFile(dir, `k${i}`, k1)));
    const members = await group(3, files, 'rot-');
    const fp = (key: string) => new Keyring([Buffer.from(key, 'base64')]).primaryFingerprint;
    const step = async (keys: string[], primary: string) => {
      for (const f of files) await writeFile(f, `${keys.join('\n')}\n`);
      await assertEventually(async () => {
        for (const m of members) {
          const s = await m.stats();
          assert.deepEqual(s.keyring, { keys: keys.length, primary: fp(primary) }, `${m.name} reloaded its key file`);
        }
      });
      // a few rounds under the new ring
      await roundsPass(members);
    };
    await step([k1, k2], k1); // (1) every member learns the new key
    await step([k2, k1], k2); // (2) every member seals with it
    await step([k2], k2); // (3) the old key goes
    for (const m of members) {
      const s = await m.stats();
      assert.equal(s.transport.authFailures, 0, `${m.name} refused nothing during the rotation`);
      assert.equal(m.events.filter((e) => e.state === 'dead').length, 0, `${m.name} declared nobody dead`);
    }
    await assertAllSee(members, members.map((m) => m.name), 'alive');
  });
});
