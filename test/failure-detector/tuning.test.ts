// The tuning math taken from memberlist (util.go retransmitLimit and
// pushPullScale) and the reconnect interval, table-driven with concrete values.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pushPullIntervalMs, reconnectIntervalMs, retransmitLimit } from '../../src/failure-detector/tuning.js';
import { defaultTuning } from './sim/cluster.js';

const tuning = defaultTuning();

void describe('gossip tuning', () => {
  void it('sends a broadcast retransmitMult × ceil(log10(n + 1)) times', () => {
    const cases: [mult: number, n: number, limit: number][] = [
      [8, 1, 8],
      [8, 3, 8],
      [8, 9, 8],
      [8, 10, 16],
      [8, 99, 16],
      [8, 100, 24],
      [8, 999, 24],
      [8, 1000, 32],
      // memberlist's default multiplier
      [4, 3, 4],
      [4, 10, 8],
      [4, 100, 12],
    ];
    for (const [mult, n, limit] of cases) assert.equal(retransmitLimit({ ...tuning, retransmitMult: mult }, n), limit, `mult ${mult}, n ${n}`);
  });

  void it('keeps the push-pull interval up to 32 members and stretches it by ceil(log2(n / 32)) + 1 above', () => {
    const t = { ...tuning, pushPullIntervalMs: 30_000 };
    const cases: [n: number, ms: number][] = [
      [1, 30_000],
      [32, 30_000],
      [33, 60_000],
      [64, 60_000],
      [65, 90_000],
      [100, 90_000],
      [128, 90_000],
      [129, 120_000],
      [1000, 180_000],
    ];
    for (const [n, ms] of cases) assert.equal(pushPullIntervalMs(t, n), ms, `n ${n}`);
  });

  void it('reconnects at the unscaled push-pull interval', () => {
    assert.equal(reconnectIntervalMs({ ...tuning, pushPullIntervalMs: 30_000 }), 30_000);
    assert.equal(reconnectIntervalMs({ ...tuning, pushPullIntervalMs: 5_000 }), 5_000);
  });
});
