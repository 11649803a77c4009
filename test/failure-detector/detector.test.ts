// The Detector facade: lifecycle, malformed input, the buddy system and
// Lifeguard's health score and what it slows down, on a small simulated
// network.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMessage, encodeMessage, type Message } from '../../src/failure-detector/messages.js';
import { indirectWindowMs } from '../../src/failure-detector/tuning.js';
import { defaultTuning, SimCluster } from './sim/cluster.js';

void describe('gossip detector', () => {
  void it('starts once, and stop is idempotent and silences it', async () => {
    const c = await SimCluster.formed({ n: 3, seed: 1 });
    const d = c.get('m000').detector;
    assert.throws(() => d.start(), /is running/);
    await d.stop();
    await d.stop();
    await d[Symbol.asyncDispose]();
    const sent = d.stats().packetsSent;
    c.run(5_000);
    assert.equal(d.stats().packetsSent, sent, 'nothing sent after stop');
    await assert.rejects(d.join(['10.0.0.1:7946']), /is stopped/);
    await d.leave({ timeoutMs: 100 });
  });

  void it('leaves at once when alone, and leave is idempotent', async () => {
    const c = new SimCluster({ n: 1, seed: 2 });
    const d = c.get('m000').detector;
    const a = d.leave({ timeoutMs: 1_000 });
    assert.equal(d.leave({ timeoutMs: 1_000 }), a);
    await a;
    assert.equal(d.members()[0].state, 'left');
  });

  void it('counts and drops malformed payloads', async () => {
    const c = await SimCluster.formed({ n: 2, seed: 3 });
    const target = c.get('m001');
    const evil = c.network.attach('10.6.6.6:1');
    evil.sendPacket(target.address, new Uint8Array([1, 2, 3]));
    evil.sendPacket(target.address, new Uint8Array(0));
    evil.sendPacket(target.address, new Uint8Array([1, 5, 0, 0, 0]));
    c.run(1_000);
    assert.equal(target.detector.stats().malformed, 3);
    assert.ok(c.converged(), 'still fine');
  });

  void it('puts the suspect message first in a ping to a suspect member (buddy system)', async () => {
    const c = await SimCluster.formed({ n: 3, seed: 4 });
    const spy = c.network.attach('10.7.7.7:1');
    const seen: Message[] = [];
    spy.setHandler((p) => seen.push(decodeMessage(p)));
    // make m000 believe the spy is a member, then suspect it
    const alive = encodeMessage({ type: 'alive', name: 'spy', address: spy.address, incarnation: 0 });
    const suspect = encodeMessage({ type: 'suspect', name: 'spy', incarnation: 0, from: 'm001' });
    spy.sendPacket(c.get('m000').address, alive);
    c.run(10);
    spy.sendPacket(c.get('m000').address, suspect);
    c.runUntil(() => seen.some((m) => m.type === 'compound' && m.messages[0].type === 'ping'), 5_000, 10);
    const ping = seen.find((m) => m.type === 'compound' && m.messages[0].type === 'ping');
    assert.ok(ping?.type === 'compound', 'a ping arrived');
    assert.deepEqual(ping.messages[1], { type: 'suspect', name: 'spy', incarnation: 0, from: 'm000' });
  });

  void it('probes a member at its next tick when another member reports it suspect', async () => {
    const c = await SimCluster.formed({ n: 10, seed: 14 });
    const m0 = c.get('m000');
    const spy = c.network.attach('10.7.7.8:1');
    const pings: number[] = [];
    // the spy answers pings like a healthy member and notes when each came
    spy.setHandler((p) => {
      const m = decodeMessage(p);
      const ping = m.type === 'ping' ? m : m.type === 'compound' ? m.messages.find((x) => x.type === 'ping') : undefined;
      if (ping?.type !== 'ping') return;
      pings.push(c.clock.now());
      spy.sendPacket(ping.sourceAddress, encodeMessage({ type: 'ack', seq: ping.seq }));
    });
    spy.sendPacket(m0.address, encodeMessage({ type: 'alive', name: 'spy', address: spy.address, incarnation: 0 }));
    // wait for a regular probe of the spy; the next one in round robin is up to 2 × 10 intervals away
    assert.ok(c.runUntil(() => pings.length > 0, 30_000, 1) !== undefined, 'm000 probed the spy');
    const reported = c.clock.now();
    spy.sendPacket(m0.address, encodeMessage({ type: 'suspect', name: 'spy', incarnation: 0, from: 'm001' }));
    assert.ok(c.runUntil(() => pings.length > 1, 30_000, 1) !== undefined, 'm000 probed the spy again');
    const waited = pings[1] - reported;
    assert.ok(waited <= c.tuning.probeIntervalMs + 5, `the suspect was probed ${waited.toFixed(0)} ms after the report, more than one probe interval (${c.tuning.probeIntervalMs} ms)`);
  });

  void it('declares a probe failed after the probe timeout plus the indirect window, not at the end of a long interval', async () => {
    const tuning = { ...defaultTuning(), probeIntervalMs: 2_000, probeTimeoutMs: 100 };
    const c = await SimCluster.formed({ n: 3, seed: 15, tuning });
    const m0 = c.get('m000');
    const mute = c.network.attach('10.7.7.9:1');
    let pinged: number | undefined;
    mute.setHandler((p) => {
      const m = decodeMessage(p);
      if (pinged === undefined && (m.type === 'ping' || (m.type === 'compound' && m.messages.some((x) => x.type === 'ping')))) pinged = c.clock.now();
    });
    let suspected: number | undefined;
    m0.detector.subscribe((e) => {
      if (e.member.name === 'mute' && e.member.state === 'suspect') suspected ??= c.clock.now();
    });
    mute.sendPacket(m0.address, encodeMessage({ type: 'alive', name: 'mute', address: mute.address, incarnation: 0 }));
    assert.ok(c.runUntil(() => suspected !== undefined, 30_000, 1) !== undefined, 'm000 suspected the member that never answers');
    assert.ok(pinged !== undefined, 'it was pinged first');
    const took = suspected! - pinged;
    // 100 ms direct + 150 ms (1.5 × probeTimeout) for the helpers' relayed pings
    assert.ok(took >= 249 && took <= 260, `the probe failed ${took.toFixed(0)} ms after the ping, expected about 250 ms`);
  });

  void it('raises its health score when its own probes fail without nacks, and lowers it on acks', async () => {
    const c = await SimCluster.formed({ n: 4, seed: 5 });
    const d = c.get('m000');
    // cut m000 off one way: its packets go out, nothing comes back
    for (const o of c.live()) if (o !== d) c.network.setLinkLoss(o.address, d.address, 1);
    c.run(3_000);
    assert.ok(d.detector.stats().health > 0, `health ${d.detector.stats().health} rose`);
    for (const o of c.live()) if (o !== d) c.network.setLinkLoss(o.address, d.address, 0);
    c.run(30_000);
    assert.equal(d.detector.stats().health, 0, 'healthy again');
    assert.ok(d.detector.stats().refutations > 0, 'it refuted the suspicions about itself');
  });

  void it('probes less often and waits longer for acks while unhealthy (Lifeguard local health)', async (t) => {
    // suspicions that m000 (which hears no confirmations) holds for a minute,
    // so it keeps members to probe while it is cut off
    const c = await SimCluster.formed({ n: 4, seed: 5, tuning: { ...defaultTuning(), suspicionMaxTimeoutMult: 100 } });
    const d = c.get('m000');
    const tuning = c.tuning;
    // when m000 pinged for its own probes
    const pings: number[] = [];
    const send = d.transport.sendPacket.bind(d.transport);
    d.transport.sendPacket = (to, payload) => {
      const m = decodeMessage(payload);
      if ((m.type === 'compound' ? m.messages : [m]).some((x) => x.type === 'ping' && x.source === 'm000')) pings.push(c.clock.now());
      send(to, payload);
    };
    // runs 20 s in 1 ms steps; returns the probes, the gaps between them and how long after its ping each failed probe failed
    const observe = () => {
      pings.length = 0;
      const failedAt: number[] = [];
      const start = d.detector.stats();
      let failures = start.probeFailures;
      for (let ms = 0; ms < 20_000; ms++) {
        c.run(1);
        if (d.detector.stats().probeFailures > failures) failedAt.push(c.clock.now());
        failures = d.detector.stats().probeFailures;
      }
      return {
        probes: d.detector.stats().probes - start.probes,
        gaps: pings.slice(1).map((at, i) => Math.round(at - pings[i])),
        failedAfter: failedAt.map((at) => Math.floor(at - pings.filter((p) => p < at).at(-1)!)),
      };
    };
    const healthy = observe();
    assert.equal(d.detector.stats().health, 0, 'healthy while its acks arrive');
    assert.deepEqual(healthy.failedAfter, [], 'every probe was acked');
    assert.ok(healthy.gaps.every((g) => g === tuning.probeIntervalMs), `healthy: a probe every ${tuning.probeIntervalMs} ms, got gaps ${healthy.gaps.join(' ')}`);
    // every packet to m000 is lost: its probes fail, and no nacks come either
    for (const o of c.live()) if (o !== d) c.network.setLinkLoss(o.address, d.address, 1);
    c.run(15_000);
    assert.equal(d.detector.stats().health, tuning.awarenessMaxMultiplier - 1, 'the health score saturated');
    const unhealthy = observe();
    // virtual time, seeded: the stretched timings are exact. Interval and ack
    // timeout are scaled by score + 1; the indirect window after the ack
    // timeout is not (healthy: 150 + 225 ms, see the test above)
    const slowIntervalMs = tuning.awarenessMaxMultiplier * tuning.probeIntervalMs;
    const slowFailMs = tuning.awarenessMaxMultiplier * tuning.probeTimeoutMs + indirectWindowMs(tuning);
    assert.ok(unhealthy.gaps.length >= 2 && unhealthy.gaps.every((g) => g === slowIntervalMs), `unhealthy: a probe every ${slowIntervalMs} ms, got gaps ${unhealthy.gaps.join(' ')}`);
    assert.ok(unhealthy.failedAfter.length >= 2 && unhealthy.failedAfter.every((ms) => ms === slowFailMs), `unhealthy: probes failed ${slowFailMs} ms after the ping, got ${unhealthy.failedAfter.join(' ')}`);
    t.diagnostic(`probes in 20 s: ${healthy.probes} healthy, ${unhealthy.probes} unhealthy; unhealthy probes failed ${unhealthy.failedAfter.join(', ')} ms after the ping`);
    assert.ok(unhealthy.probes * 4 <= healthy.probes, `${unhealthy.probes} probes in 20 s unhealthy against ${healthy.probes} healthy`);
  });

  void it('emits no events about itself and one per change of others', async () => {
    const c = await SimCluster.formed({ n: 3, seed: 6 });
    const got: string[] = [];
    const unsubscribe = c.get('m000').detector.subscribe((e) => got.push(`${e.member.name}:${e.previous}->${e.member.state}`));
    c.crash('m002');
    c.run(10_000);
    unsubscribe();
    assert.deepEqual(got, ['m002:alive->suspect', 'm002:suspect->dead']);
  });

  void it('rejects unusable tuning', () => {
    const c = new SimCluster({ n: 1, seed: 7 });
    assert.throws(() => c.get('m000').detector.setTuning({ ...defaultTuning(), probeIntervalMs: 0 }), /probeIntervalMs/);
  });
});
