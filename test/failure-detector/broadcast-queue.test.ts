// The transmit-limited broadcast queue: invalidation by member, ordering,
// retransmit limits and packet budgets.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BroadcastQueue } from '../../src/failure-detector/broadcast-queue.js';

const b = (s: string) => new TextEncoder().encode(s);
const str = (xs: Uint8Array[]) => xs.map((x) => new TextDecoder().decode(x));

void describe('broadcast queue', () => {
  void it('replaces an older broadcast about the same member and reports it done', () => {
    const q = new BroadcastQueue();
    let done = 0;
    q.enqueue('a', b('a1'), { onDone: () => done++ });
    q.enqueue('a', b('a2'));
    assert.equal(q.length, 1);
    assert.equal(done, 1);
    assert.deepEqual(str(q.take(100, 2, 5, 10)), ['a2']);
  });

  void it('sends fewest-transmitted first, newest first among equals, and drops at the limit', () => {
    const q = new BroadcastQueue();
    let doneA = 0;
    q.enqueue('a', b('a'), { onDone: () => doneA++ });
    q.enqueue('b', b('b'));
    assert.deepEqual(str(q.take(3, 2, 2, 10)), ['b'], 'only one fits; the newest goes');
    assert.deepEqual(str(q.take(3, 2, 2, 10)), ['a'], 'then the one sent fewer times');
    q.enqueue('c', b('c'));
    assert.deepEqual(str(q.take(100, 2, 2, 10)), ['c', 'b', 'a']);
    assert.equal(q.length, 1, 'a and b reached the limit of 2');
    assert.equal(doneA, 1);
    assert.deepEqual(str(q.take(100, 2, 2, 1)), ['c']);
    assert.equal(q.length, 0);
  });

  void it('skips a broadcast that does not fit and takes smaller ones', () => {
    const q = new BroadcastQueue();
    q.enqueue('small', b('s'));
    q.enqueue('big', b('x'.repeat(50)));
    assert.deepEqual(str(q.take(10, 2, 3, 10)), ['s']);
  });

  void it('prunes the most-transmitted first', () => {
    const q = new BroadcastQueue();
    q.enqueue('old', b('o'));
    q.take(100, 2, 10, 10);
    q.enqueue('new', b('n'));
    q.prune(1);
    assert.deepEqual(str(q.take(100, 2, 10, 10)), ['n']);
  });
});
