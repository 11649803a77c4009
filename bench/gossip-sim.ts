// npm run bench -- gossip-sim [--tuning JSON] [--seeds N] [--no-loss]
// The deterministic simulation (test/failure-detector/sim) as a tuning tool:
// for a tuning (the defaults, overridden by --tuning, e.g.
// '{"probeIntervalMs":300,"suspicionMult":2}'), detection time after a crash
// at 3 and 10 members (median and max over 21 seeds, in virtual time, until
// every survivor holds the victim dead), idle timer wake-ups and packets per
// member per second, and false deaths over 30 simulated minutes at 20 % and
// 30 % loss (--seeds runs each, default 2). The README's tuning figures come
// from this; the same seeds give the same numbers on any machine.

import { parseArgs } from 'node:util';
import { SimCluster, defaultTuning, nodeName } from '../test/failure-detector/sim/cluster.js';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function runGossipSim(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args, options: { tuning: { type: 'string', default: '{}' }, seeds: { type: 'string', default: '2' }, 'no-loss': { type: 'boolean', default: false } } });
  const override = JSON.parse(values.tuning) as Record<string, number>;
  const tuning = { ...defaultTuning(), ...override };
  const out: Record<string, unknown> = { tuning: override };

  for (const n of [3, 10]) {
    const times: number[] = [];
    let falseDeaths = 0;
    for (let s = 1; s <= 21; s++) {
      const c = await SimCluster.formed({ n, seed: 1000 * n + s, tuning });
      c.run(2_000 + ((s * 131) % 1_000));
      const victim = nodeName(n - 1);
      const t0 = c.clock.now();
      c.crash(victim);
      c.runUntil(() => c.live().every((o) => o.firstDead.has(victim)), 30_000, 10);
      times.push(Math.max(...c.live().map((o) => (o.firstDead.get(victim) ?? Infinity) - t0)));
      falseDeaths += c.events.filter((e) => e.target !== victim && e.state === 'dead').length;
    }
    out[`detection ${n} members`] = { medianMs: median(times), maxMs: Math.max(...times), falseDeaths };
  }

  {
    const n = 10;
    const c = await SimCluster.formed({ n, seed: 5, tuning });
    const fired0 = c.clock.fired;
    const received0 = [...c.nodes.values()].map((x) => x.detector.stats().packetsReceived);
    c.run(600_000);
    const received = [...c.nodes.values()].reduce((a, x, i) => a + x.detector.stats().packetsReceived - received0[i], 0);
    out['idle, 10 members'] = { timersPerMemberPerSec: +((c.clock.fired - fired0) / n / 600).toFixed(2), packetsPerMemberPerSec: +(received / n / 600).toFixed(2) };
  }

  if (!values['no-loss']) {
    const seeds = Number(values.seeds);
    for (const [n, loss] of [[10, 0.2], [10, 0.3], [3, 0.2], [3, 0.3]] as const) {
      let deaths = 0;
      for (let k = 0; k < seeds; k++) {
        const c = await SimCluster.formed({ n, seed: 77 + n + 100 * k, tuning });
        c.network.setLoss(loss);
        c.run(30 * 60_000);
        deaths += c.events.filter((e) => e.state === 'dead').length;
      }
      out[`false deaths, ${n} members, ${loss * 100} % loss, ${seeds} × 30 min`] = deaths;
    }
  }
  console.log(JSON.stringify(out, null, 2));
  return out;
}
