// Three gossip members, each in its own network namespace on a bridge, with
// nftables rules for random loss and for partitions. Needs root (skips with
// the reason otherwise).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gossipTuning } from '../../src/daemon/daemon.js';
import { Keyring } from '../../src/failure-detector/index.js';
import { defaultClusterConfig } from '../../src/resources/index.js';
import { assertEventually } from '../helpers/eventually.js';
import { startMember, stopMembers, type MemberProcess } from '../helpers/gossip-members.js';
import { createHosts, netnsUnavailable, type Hosts } from '../helpers/netns.js';
import { tempDirs } from '../helpers/tmp.js';

const tuning = gossipTuning(defaultClusterConfig().gossip);
const unavailable = netnsUnavailable();
const tmp = tempDirs('flotilla-netns-');
const PORT = 7946;
let hosts: Hosts | undefined;
const members: MemberProcess[] = [];
after(async () => {
  await stopMembers(members);
  hosts?.close();
});

function assertViews(expect: (observer: number, member: number) => string | undefined, timeoutMs: number) {
  return assertEventually(
    () => {
      members.forEach((o, i) => {
        members.forEach((m, j) => {
          const want = expect(i, j);
          if (i !== j && want) assert.equal(o.view().get(m.name), want, `${o.name} holds ${m.name} as ${o.view().get(m.name)}, want ${want}`);
        });
      });
    },
    { timeoutMs, intervalMs: 100 },
  );
}

void describe('gossip across network namespaces', { skip: unavailable }, () => {
  void it('rides out 20 % loss, detects a partition from both sides, and heals', async () => {
    hosts = createHosts(3);
    const h = hosts;
    const keyFile = join(await tmp(), 'gossip.key');
    await writeFile(keyFile, `${Keyring.generateKey()}\n`, { mode: 0o600 });
    const seed = `${h.addr(0)}:${PORT}`;
    for (let i = 0; i < 3; i++) {
      members.push(await startMember({ name: `ns-${i + 1}`, keyFile, tuning, bind: `${h.addr(i)}:${PORT}`, join: i === 0 ? [] : [seed], wrap: h.exec(i) }));
    }
    await assertViews(() => 'alive', 20_000);

    // 20 % of every packet into every host is dropped, for 30 s: suspicion may come and go, death must not
    for (let i = 0; i < 3; i++) h.loss(i, 20);
    const lossStart = Date.now();
    await new Promise((r) => setTimeout(r, 30_000));
    for (let i = 0; i < 3; i++) h.loss(i, 0);
    for (const m of members) {
      const deaths = m.events.filter((e) => e.t >= lossStart && e.state === 'dead');
      assert.deepEqual(deaths, [], `${m.name} declared a live member dead under 20 % loss`);
    }
    await assertViews(() => 'alive', 20_000);

    // host 3 cut off from 1 and 2, both ways
    h.isolate(2, [0, 1]);
    await assertViews((o, m) => ((o === 2) !== (m === 2) ? 'dead' : 'alive'), 30_000);

    // heal: everyone alive everywhere again, without a restart or rejoin command
    h.isolate(2, []);
    await assertViews(() => 'alive', 90_000);
  });
});
