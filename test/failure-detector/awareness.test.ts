// Lifeguard local health awareness: a clamped score that stretches timeouts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Awareness } from '../../src/failure-detector/awareness.js';

void describe('awareness', () => {
  void it('clamps the score to 0..max−1 and scales timeouts by score + 1', () => {
    const a = new Awareness(8);
    assert.equal(a.scaleTimeout(300), 300);
    a.applyDelta(-1);
    assert.equal(a.score, 0);
    a.applyDelta(3);
    assert.equal(a.scaleTimeout(300), 1_200);
    a.applyDelta(100);
    assert.equal(a.score, 7);
    assert.equal(a.scaleTimeout(100), 800);
    a.setMaxMultiplier(4);
    assert.equal(a.score, 3);
  });

  void it('never scales with a max multiplier of 1', () => {
    const a = new Awareness(1);
    a.applyDelta(5);
    assert.equal(a.scaleTimeout(250), 250);
  });
});
