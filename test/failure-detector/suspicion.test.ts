// Lifeguard dynamic suspicion timeouts: the log curve from max to min and
// the counting of independent confirmations.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { remainingSuspicionMs, Suspicion } from '../../src/failure-detector/suspicion.js';
import { suspicionConfirmations, suspicionTimeoutsMs } from '../../src/failure-detector/tuning.js';
import { defaultTuning } from './sim/cluster.js';
import { VirtualClock } from './sim/virtual-clock.js';

void describe('suspicion', () => {
  void it('computes memberlist remainingSuspicionTime', () => {
    assert.equal(remainingSuspicionMs(0, 3, 0, 2_000, 30_000), 30_000);
    assert.equal(remainingSuspicionMs(3, 3, 0, 2_000, 30_000), 2_000);
    assert.equal(remainingSuspicionMs(1, 3, 0, 2_000, 30_000), 16_000);
    assert.equal(remainingSuspicionMs(2, 3, 0, 2_000, 30_000), 7_810);
    assert.equal(remainingSuspicionMs(1, 3, 20_000, 2_000, 30_000), -4_000);
    assert.equal(remainingSuspicionMs(0, 0, 500, 2_000, 30_000), 1_500);
  });

  void it('starts at the max and shrinks toward the min with each new confirmer', () => {
    const clock = new VirtualClock();
    let firedAt = 0;
    const s = new Suspicion({ from: 'a', k: 2, minMs: 1_000, maxMs: 6_000, clock, onTimeout: () => (firedAt = clock.now()) });
    const t0 = clock.now();
    assert.equal(s.deadline - t0, 6_000);
    assert.equal(s.confirm('a'), false, 'the accuser is pre-counted');
    clock.advance(100);
    assert.equal(s.confirm('b'), true);
    assert.equal(s.confirm('b'), false, 'a confirmer counts once');
    assert.equal(s.deadline - t0, remainingSuspicionMs(1, 2, 0, 1_000, 6_000));
    assert.equal(s.confirm('c'), true);
    assert.equal(s.deadline - t0, 1_000);
    assert.equal(s.confirm('d'), false, 'no more than k');
    clock.advance(2_000);
    assert.equal(firedAt - t0, 1_000);
  });

  void it('fires at once when a confirmation comes after the new deadline', () => {
    const clock = new VirtualClock();
    let fired = 0;
    const s = new Suspicion({ from: 'a', k: 1, minMs: 1_000, maxMs: 6_000, clock, onTimeout: () => fired++ });
    clock.advance(2_000);
    assert.equal(s.confirm('b'), true);
    clock.advance(0);
    assert.equal(fired, 1);
  });

  void it('waits only the min when no confirmations are expected, and never fires once cancelled', () => {
    const clock = new VirtualClock();
    let fired = 0;
    const s = new Suspicion({ from: 'a', k: 0, minMs: 1_000, maxMs: 6_000, clock, onTimeout: () => fired++ });
    assert.equal(s.confirm('b'), false);
    clock.advance(999);
    assert.equal(fired, 0);
    clock.advance(1);
    assert.equal(fired, 1);
    const c = new Suspicion({ from: 'a', k: 2, minMs: 1_000, maxMs: 6_000, clock, onTimeout: () => fired++ });
    c.cancel();
    clock.advance(10_000);
    assert.equal(fired, 1);
  });

  void it('expects one confirmation at three members, two from four up', () => {
    assert.deepEqual([1, 2, 3, 4, 10, 100].map(suspicionConfirmations), [0, 0, 1, 2, 2, 2]);
    const t = defaultTuning();
    assert.deepEqual(suspicionTimeoutsMs(t, 3), { minMs: t.suspicionMult * t.probeIntervalMs, maxMs: t.suspicionMult * t.probeIntervalMs * t.suspicionMaxTimeoutMult });
    assert.equal(suspicionTimeoutsMs(t, 100).minMs, 2 * t.suspicionMult * t.probeIntervalMs);
  });
});
