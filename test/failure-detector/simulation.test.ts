// Deterministic simulations of the failure detector with the default tuning
// from defaultClusterConfig(): detection of crashed members at 3, 10 and 100
// members, no false deaths under heavy loss, paused members, partitions and
// their healing (also long after both sides forgot each other), reconnecting
// to dead members (never to members that left, and not past the reconnect
// timeout), join, graceful leave, restart, and the event stream.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Delivery } from '../../src/failure-detector/transport.js';
import { forgetAfterMs, RECONNECT_TIMEOUT_MS, reconnectIntervalMs, suspicionTimeoutsMs, type GossipTuning } from '../../src/failure-detector/tuning.js';
import { defaultTuning, nodeName, SimCluster, type ObservedEvent, type SimNode } from './sim/cluster.js';

const tuning = defaultTuning();

/**
 * The latest a crashed member is dead at every survivor, with no loss:
 * - every survivor probes every live member once per pass of n − 1 probes, in
 *   a fresh shuffle each pass, so the victim is probed by some survivor within
 *   2(n − 1) probe intervals (last in one pass after first in the previous);
 * - that probe fails within one more interval (at the end of its indirect
 *   window, or of its interval when that is shorter);
 * - the suspicion then waits at most the max timeout (no confirmations);
 * - the dead broadcast reaches everyone within a few gossip rounds, and any
 *   member that missed it times out its own suspicion (already counted).
 * Awareness stays 0: helpers answer the failed probes with nacks.
 */
function detectionBoundMs(t: GossipTuning, n: number): number {
  const { maxMs } = suspicionTimeoutsMs(t, n);
  return 2 * (n - 1) * t.probeIntervalMs + t.probeIntervalMs + maxMs + 20 * t.gossipIntervalMs;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** crashes the last member of a formed cluster and returns ms until each survivor (`seenMs`), the first and the last saw it dead */
async function detectOnce(n: number, seed: number): Promise<{ seenMs: number[]; lastMs: number; firstMs: number; falseDeaths: ObservedEvent[] }> {
  const c = await SimCluster.formed({ n, seed });
  c.run(2_000 + ((seed * 131) % 1_000));
  const victim = nodeName(n - 1);
  const t0 = c.clock.now();
  c.crash(victim);
  const took = c.runUntil(() => c.live().every((o) => o.firstDead.has(victim)), detectionBoundMs(tuning, n) + 10_000, 10);
  assert.ok(took !== undefined, `n=${n} seed=${seed}: ${victim} was not declared dead by every survivor`);
  const seen = c.live().map((o) => o.firstDead.get(victim)! - t0);
  return { seenMs: seen, lastMs: Math.max(...seen), firstMs: Math.min(...seen), falseDeaths: c.events.filter((e) => e.target !== victim && e.state === 'dead') };
}

/**
 * Stops the member's detector (from now on it is silent, as if crashed, so the
 * others declare it dead) and counts what still reaches its address.
 */
async function silence(node: SimNode, onPayload?: (via: Delivery) => void): Promise<{ packets: number; streams: number }> {
  await node.detector.stop();
  const got = { packets: 0, streams: 0 };
  node.transport.setHandler((_payload, _from, via) => {
    if (via === 'packet') got.packets++;
    else got.streams++;
    onPayload?.(via);
  });
  return got;
}

void describe('failure detector simulation (default tuning)', () => {
  for (const [n, seeds] of [[3, 15], [10, 15], [100, 5]] as const) {
    void it(`declares a crashed member dead at all ${n - 1} survivors within the derived bound`, async (t) => {
      const bound = detectionBoundMs(tuning, n);
      const last: number[] = [];
      const first: number[] = [];
      const every: number[] = [];
      for (let s = 1; s <= seeds; s++) {
        const r = await detectOnce(n, 1000 * n + s);
        assert.ok(r.lastMs <= bound, `n=${n} seed=${s}: detection took ${r.lastMs.toFixed(0)} ms, over the bound ${bound} ms`);
        assert.equal(r.falseDeaths.length, 0, `n=${n} seed=${s}: live members declared dead: ${JSON.stringify(r.falseDeaths)}`);
        last.push(r.lastMs);
        first.push(r.firstMs);
        every.push(...r.seenMs);
      }
      t.diagnostic(
        `n=${n}: all-survivors detection median ${median(last).toFixed(0)} ms, max ${Math.max(...last).toFixed(0)} ms ` +
          `(first survivor median ${median(first).toFixed(0)} ms; every observer median ${median(every).toFixed(0)} ms) over ${seeds} seeds; bound ${bound} ms`,
      );
      if (n <= 10) assert.ok(median(last) < 2_000, `n=${n}: median detection ${median(last).toFixed(0)} ms is not under 2 s`);
      if (n === 100) {
        // The derived bound above is a worst case (~129 s at 100 members),
        // far too loose to catch a regression. These times are virtual and
        // the run is deterministic (seeded, no wall clock), so tighter limits
        // cannot flake: measured median ~2.3 s and max ~3.3 s, asserted with
        // about 75 % and 140 % headroom.
        assert.ok(median(every) < 4_000, `n=100: median detection over every observer ${median(every).toFixed(0)} ms is not under 4 s`);
        assert.ok(Math.max(...every) < 8_000, `n=100: the slowest observer took ${Math.max(...every).toFixed(0)} ms, not under 8 s`);
      }
    });
  }

  for (const [n, loss, minutes] of [[10, 0.2, 30], [10, 0.3, 30], [3, 0.2, 30], [3, 0.3, 30]] as const) {
    void it(`never declares a live member dead with ${loss * 100} % loss on every link (${n} members, ${minutes} simulated minutes)`, async (t) => {
      const c = await SimCluster.formed({ n, seed: 77 + n });
      c.network.setLoss(loss);
      const wall = performance.now();
      c.run(minutes * 60_000);
      const wallS = (performance.now() - wall) / 1000;
      const deaths = c.events.filter((e) => e.state === 'dead');
      const suspicions = c.events.filter((e) => e.state === 'suspect').length;
      assert.equal(deaths.length, 0, `false deaths: ${JSON.stringify(deaths.slice(0, 5))}`);
      c.network.setLoss(0);
      assert.ok(c.runUntil(() => c.converged(), 10_000) !== undefined, 'every member sees every member alive once the loss stops');
      t.diagnostic(`${suspicions} suspicions (all refuted) in ${minutes} min; ${((minutes * 60) / wallS).toFixed(0)} simulated s per wall s`);
    });
  }

  void it('sends few packets per member when idle, and runs fast', async (t) => {
    const n = 10;
    const c = await SimCluster.formed({ n, seed: 5 });
    const before = [...c.nodes.values()].map((x) => x.detector.stats().packetsSent);
    const fired0 = c.clock.fired;
    const wall = performance.now();
    const simMs = 10 * 60_000;
    c.run(simMs);
    const wallS = (performance.now() - wall) / 1000;
    const sent = [...c.nodes.values()].map((x, i) => x.detector.stats().packetsSent - before[i]);
    const perMember = sent.reduce((a, b) => a + b, 0) / n / (simMs / 1000);
    t.diagnostic(`idle: ${perMember.toFixed(2)} packets/s sent per member (${n} members, probe every ${tuning.probeIntervalMs} ms)`);
    t.diagnostic(`speed: ${(simMs / 1000 / wallS).toFixed(0)} simulated s per wall s; ${((c.clock.fired - fired0) / wallS).toFixed(0)} timer events per wall s; ${((simMs / tuning.probeIntervalMs) * n / wallS).toFixed(0)} member probe rounds per wall s`);
    assert.ok(perMember < 2 * (1000 / tuning.probeIntervalMs) + 1, `idle packet rate ${perMember} is more than a ping and an ack per probe interval`);
    assert.equal(c.network.stats.packetsOversized, 0, 'no packet over maxPacketPayload');
  });

  void it('refutes a short pause without anyone marking the member dead', async () => {
    const c = await SimCluster.formed({ n: 5, seed: 11 });
    const { minMs } = suspicionTimeoutsMs(tuning, 5);
    for (let round = 0; round < 20; round++) {
      c.run(3_000);
      c.pause('m002');
      // shorter than a probe window plus the min suspicion timeout: others may suspect, never kill
      c.run(minMs);
      c.resume('m002');
    }
    c.run(3_000);
    const deaths = c.events.filter((e) => e.state === 'dead');
    assert.equal(deaths.length, 0, `deaths: ${JSON.stringify(deaths)}`);
    assert.ok(c.converged(), 'all alive everywhere after the pauses');
  });

  void it('marks a long-paused member dead, and alive everywhere again once it resumes and refutes', async () => {
    const c = await SimCluster.formed({ n: 5, seed: 12 });
    c.pause('m002');
    assert.ok(c.runUntil(() => c.allSee('m002', 'dead'), 30_000) !== undefined, 'm002 dead at every other member');
    c.run(5_000);
    c.resume('m002');
    assert.ok(c.runUntil(() => c.converged(), 10_000) !== undefined, 'm002 alive everywhere again, and m002 sees everyone alive');
    const inc = c.get('m000').detector.members().find((m) => m.name === 'm002')!.incarnation;
    assert.ok(inc > 0, 'the resumed member refuted with a higher incarnation');
  });

  void it('splits a partitioned minority off both ways and heals without a rejoin', async (t) => {
    const c = await SimCluster.formed({ n: 7, seed: 13 });
    const names = [...c.nodes.keys()];
    const minority = names.slice(0, 2);
    const majority = names.slice(2);
    c.network.partition(minority.map((n) => c.get(n).address), majority.map((n) => c.get(n).address));
    const split = () =>
      majority.every((a) => minority.every((b) => c.stateOf(a, b) === 'dead')) && minority.every((a) => majority.every((b) => c.stateOf(a, b) === 'dead'));
    const splitMs = c.runUntil(split, 30_000);
    assert.ok(splitMs !== undefined, 'each side declares the other dead');
    // longer than gossip-to-the-dead, so only reconnecting to dead members can heal it
    c.run(40_000);
    c.network.heal();
    const healMs = c.runUntil(() => c.converged(), 3 * tuning.pushPullIntervalMs + 10_000, 100);
    assert.ok(healMs !== undefined, 'everyone alive everywhere after the partition heals');
    t.diagnostic(`split seen both ways after ${splitMs} ms; healed ${healMs} ms after the partition ended (push-pull every ${tuning.pushPullIntervalMs} ms)`);
  });

  for (const [minutes, minority] of [[5, 2], [30, 3]] as const) {
    void it(`heals a ${minutes}-minute partition (${minority} of 7 split off) after both sides forgot each other`, async (t) => {
      const c = await SimCluster.formed({ n: 7, seed: 20 + minutes });
      const names = [...c.nodes.keys()];
      const small = names.slice(0, minority);
      const large = names.slice(minority);
      c.network.partition(small.map((n) => c.get(n).address), large.map((n) => c.get(n).address));
      c.run(minutes * 60_000);
      const forgotten = large.every((a) => small.every((b) => c.stateOf(a, b) === undefined)) && small.every((a) => large.every((b) => c.stateOf(a, b) === undefined));
      assert.ok(forgotten, `each side forgot the other (after ${forgetAfterMs(tuning)} ms dead), so no member table links them`);
      c.network.heal();
      // The smaller side holds more members dead than alive, so each of its
      // members tries a dead address every reconnect round (probability
      // failed / live ≥ 1): the first exchange across comes within one round
      // of the heal, and merging, refutation and gossip take a few seconds.
      const bound = reconnectIntervalMs(tuning) + 10_000;
      const healMs = c.runUntil(() => c.converged(), bound, 100);
      assert.ok(healMs !== undefined, `every member sees every other alive within ${bound} ms of the heal`);
      t.diagnostic(`healed ${healMs} ms after the partition ended (reconnect every ${reconnectIntervalMs(tuning)} ms; bound ${bound} ms)`);
    });
  }

  void it('reconnects to a dead member but never contacts a member that left gracefully', async () => {
    const c = await SimCluster.formed({ n: 5, seed: 22 });
    const done = c.get('m004').detector.leave({ timeoutMs: 2_000 });
    c.run(2_500);
    await done;
    c.run(1_000); // packets still in flight when the leave finished
    const toLeft = await silence(c.get('m004'));
    const toDead = await silence(c.get('m003'));
    c.run(forgetAfterMs(tuning) + 30_000);
    for (const o of ['m000', 'm001', 'm002']) assert.deepEqual([c.stateOf(o, 'm003'), c.stateOf(o, 'm004')], [undefined, undefined], `${o} forgot both`);
    toDead.streams = 0;
    c.run(10 * 60_000);
    assert.ok(toDead.streams > 5, `the dead member's address got ${toDead.streams} push-pulls in 10 minutes after it was forgotten, expected about one per reconnect round`);
    assert.equal(toLeft.packets + toLeft.streams, 0, `the member that left got ${toLeft.packets} packets and ${toLeft.streams} streams after leaving`);
  });

  void it('stops reconnecting to a member once it has been dead longer than the reconnect timeout', async (t) => {
    // slow probing makes 25 simulated hours cheap; the reconnect timeout and
    // interval do not depend on the probe interval
    const c = await SimCluster.formed({ n: 3, seed: 23, tuning: { ...tuning, probeIntervalMs: 5_000 } });
    const silent = c.get('m002');
    const streams: number[] = [];
    const t0 = c.clock.now();
    await silence(silent, (via) => {
      if (via === 'stream') streams.push(c.clock.now() - t0);
    });
    const hour = 60 * 60_000;
    const inHour = (from: number) => streams.filter((at) => at >= from && at < from + hour).length;
    c.run(RECONNECT_TIMEOUT_MS + hour + 2 * reconnectIntervalMs(tuning));
    t.diagnostic(`push-pulls to the dead member: ${inHour(0)} in the first hour, ${inHour(RECONNECT_TIMEOUT_MS - hour)} in the last hour before the timeout`);
    assert.ok(inHour(RECONNECT_TIMEOUT_MS - hour) > 10, 'it was still tried in the last hour before the timeout');
    const after = RECONNECT_TIMEOUT_MS + 2 * reconnectIntervalMs(tuning);
    assert.equal(streams.filter((at) => at >= after).length, 0, 'nothing was sent to it after the reconnect timeout');
  });

  void it('shows a joined member everywhere', async () => {
    const c = await SimCluster.formed({ n: 6, seed: 14 });
    const newcomer = c.add('late');
    const answered = newcomer.detector.join([c.get('m003').address, '10.9.9.9:7946'], { timeoutMs: 2_000 });
    c.run(3_000);
    assert.equal(await answered, 1);
    assert.ok(c.runUntil(() => c.converged(), 10_000) !== undefined, 'the newcomer is alive at every member and sees them all');
  });

  void it('rejects a join when no seed answers, naming the seeds', async () => {
    const c = new SimCluster({ n: 1, seed: 15 });
    const p = c.get('m000').detector.join(['10.9.9.8:7946', '10.9.9.9:7946'], { timeoutMs: 1_000 });
    c.run(2_000);
    await assert.rejects(p, (err: Error) => err.message.includes('10.9.9.8:7946') && err.message.includes('10.9.9.9:7946') && err.message.includes('no seed answered'));
  });

  void it('shows a graceful leave as left, never dead', async () => {
    const c = await SimCluster.formed({ n: 6, seed: 16 });
    const leaving = c.get('m004');
    const from = c.clock.now();
    const done = leaving.detector.leave({ timeoutMs: 2_000 });
    c.run(2_500);
    await done;
    assert.ok(c.get('m004').detector.members().find((m) => m.name === 'm004')?.state === 'left', 'the leaver sees itself left');
    c.crash('m004'); // silent now anyway; excluded from the observers below
    c.run(10_000);
    for (const o of c.live()) assert.equal(c.stateOf(o.name, 'm004'), 'left', `${o.name} sees m004 left`);
    assert.equal(c.events.filter((e) => e.at >= from && e.target === 'm004' && e.state !== 'left').length, 0, 'no suspect or dead event about the leaver');
  });

  void it('brings a restarted member (same name, incarnation 0) back alive everywhere', async () => {
    const c = await SimCluster.formed({ n: 5, seed: 17 });
    c.crash('m001');
    assert.ok(c.runUntil(() => c.allSee('m001', 'dead'), 30_000) !== undefined, 'm001 dead everywhere');
    const joined = c.restart('m001');
    c.run(3_000);
    assert.ok((await joined) >= 1, 'the restarted member reached a seed');
    assert.ok(c.runUntil(() => c.converged(), 10_000) !== undefined, 'm001 alive everywhere again');
    const self = c.get('m001').detector.members().find((m) => m.name === 'm001')!;
    assert.ok(self.incarnation > 0, 'it refuted its old death with a higher incarnation');
  });

  void it('brings back a member restarted before anyone noticed', async () => {
    const c = await SimCluster.formed({ n: 4, seed: 18 });
    c.crash('m003');
    const joined = c.restart('m003');
    c.run(3_000);
    assert.ok((await joined) >= 1, 'joined');
    c.run(10_000);
    assert.ok(c.converged(), 'alive everywhere');
  });

  void it('gives exactly one event per state transition, consistent with members()', async () => {
    const c = await SimCluster.formed({ n: 8, seed: 19, loss: 0.1 });
    c.crash('m007');
    c.run(20_000);
    const back = c.restart('m007');
    c.pause('m005');
    c.run(8_000);
    c.resume('m005');
    c.run(20_000);
    await back;
    const chains = new Map<string, ObservedEvent[]>();
    for (const e of c.events) {
      const key = `${e.observer}->${e.target}`;
      chains.set(key, [...(chains.get(key) ?? []), e]);
    }
    assert.ok(c.events.length > 0, 'the scenario produced events');
    for (const [key, chain] of chains) {
      const observer = c.get(chain[0].observer);
      // a restarted observer starts a fresh chain
      const fresh = chain.filter((e) => e.previous === undefined).length;
      let prev: ObservedEvent['state'] | undefined;
      for (const e of chain) {
        if (e.previous === undefined) prev = undefined;
        assert.equal(e.previous, prev, `${key}: event ${JSON.stringify(e)} does not follow ${prev}`);
        assert.notEqual(e.state, prev, `${key}: repeated ${e.state}`);
        prev = e.state;
      }
      assert.ok(fresh >= 1, `${key}: the first event is a first sighting`);
      if (!observer.crashed) {
        const now = observer.detector.members().find((m) => m.name === chain[0].target)?.state;
        if (now !== undefined) assert.equal(now, prev, `${key}: last event matches members()`);
      }
    }
  });
});
