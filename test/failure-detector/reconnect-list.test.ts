// The list of dead members' addresses kept for reconnecting: expiry after the
// timeout, the cap on entries (oldest deaths dropped first), removal, and the
// uniform pick.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReconnectList } from '../../src/failure-detector/reconnect-list.js';
import { mulberry32 } from './sim/prng.js';

void describe('reconnect list', () => {
  void it('keeps a dead member until the timeout has passed since its death', () => {
    const l = new ReconnectList({ timeoutMs: 1_000, maxEntries: 10 });
    l.add('a', '10.0.0.1:7946', 0);
    l.add('b', '10.0.0.2:7946', 500);
    assert.deepEqual(l.expire(999), []);
    assert.deepEqual(l.expire(1_000), ['a']);
    assert.deepEqual(l.expire(1_499), []);
    assert.deepEqual(l.expire(1_500), ['b']);
    assert.equal(l.size, 0);
  });

  void it('restarts the timeout when a member dies again, and forgets a member removed (alive again or left)', () => {
    const l = new ReconnectList({ timeoutMs: 1_000, maxEntries: 10 });
    l.add('a', '10.0.0.1:7946', 0);
    l.add('b', '10.0.0.2:7946', 100);
    l.add('a', '10.0.0.9:7946', 800);
    assert.deepEqual(l.expire(1_100), ['b']);
    assert.deepEqual(l.pick(() => 0), { name: 'a', address: '10.0.0.9:7946', deadAt: 800 });
    l.remove('a');
    l.remove('never-added');
    assert.equal(l.size, 0);
    assert.equal(l.pick(() => 0), undefined);
  });

  void it('keeps only the most recent deaths beyond maxEntries', () => {
    const l = new ReconnectList({ timeoutMs: 1_000_000, maxEntries: 1_000 });
    for (let i = 0; i < 1_005; i++) l.add(`m${i}`, `10.0.${i >> 8}.${i & 255}:7946`, i);
    assert.equal(l.size, 1_000);
    const kept = l.expire(10_000_000);
    assert.equal(kept.length, 1_000);
    assert.equal(kept[0], 'm5', 'the five oldest deaths were dropped');
    assert.equal(kept.at(-1), 'm1004');
  });

  void it('picks every entry with about equal probability', () => {
    const l = new ReconnectList({ timeoutMs: 1_000, maxEntries: 10 });
    for (const name of ['a', 'b', 'c', 'd']) l.add(name, `${name}:7946`, 0);
    const random = mulberry32(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 4_000; i++) {
      const name = l.pick(random)!.name;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    for (const name of ['a', 'b', 'c', 'd']) assert.ok(Math.abs(counts.get(name)! - 1_000) < 150, `${name} picked ${counts.get(name)} times of 4000`);
  });
});
