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
      assert.equal(o.events.filter((e) => e.member !== c.name && (e.state === 'dead' || e.state === 'suspect')).length, 0, `${o.name} suspected no live member`);
    }
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
    // give gossip a few probe rounds; the stranger must appear nowhere
    await new Promise((r) => setTimeout(r, 3 * tuning.probeIntervalMs));
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
      await new Promise((r) => setTimeout(r, 3 * tuning.probeIntervalMs));
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
