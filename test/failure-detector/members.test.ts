// The member table and memberlist's incarnation rules.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemberTable } from '../../src/failure-detector/members.js';

function table(): MemberTable {
  const t = new MemberTable('me', 'me:1', 0);
  t.applyAlive('b', 'b:1', 5, 0);
  return t;
}

void describe('member table', () => {
  void it('adds a new member as alive and first seen', () => {
    const r = new MemberTable('me', 'me:1', 0).applyAlive('b', 'b:1', 0, 10);
    assert.equal(r.kind, 'changed');
    assert.equal(r.kind === 'changed' && r.previous, undefined);
  });

  void it('lets alive override suspect only with a higher incarnation', () => {
    const t = table();
    assert.equal(t.applySuspect('b', 5, 1).kind, 'changed');
    assert.equal(t.applyAlive('b', 'b:1', 5, 2).kind, 'ignored');
    assert.equal(t.get('b')?.state, 'suspect');
    const r = t.applyAlive('b', 'b:1', 6, 3);
    assert.equal(r.kind === 'changed' && r.previous, 'suspect');
    assert.equal(t.get('b')?.state, 'alive');
  });

  void it('applies suspect and dead at the known incarnation or above, never below', () => {
    const t = table();
    assert.equal(t.applySuspect('b', 4, 1).kind, 'ignored');
    assert.equal(t.applyDead('b', 4, 'x', 1).kind, 'ignored');
    assert.equal(t.applySuspect('b', 5, 1).kind, 'changed');
    assert.equal(t.applySuspect('b', 5, 1).kind, 'confirm');
    assert.equal(t.applyDead('b', 7, 'x', 2).kind, 'changed');
    assert.deepEqual([t.get('b')?.state, t.get('b')?.incarnation], ['dead', 7]);
    assert.equal(t.applySuspect('b', 8, 3).kind, 'ignored', 'a dead member is not suspected');
    assert.equal(t.applyDead('b', 9, 'b', 3).kind, 'ignored', 'dead stays dead, not left');
    assert.equal(t.applyAlive('b', 'b:2', 8, 4).kind, 'changed', 'a higher alive revives it');
    assert.equal(t.get('b')?.address, 'b:2');
  });

  void it('ignores news about unknown members other than alive', () => {
    const t = table();
    assert.equal(t.applySuspect('zz', 1, 0).kind, 'ignored');
    assert.equal(t.applyDead('zz', 1, 'x', 0).kind, 'ignored');
  });

  void it('records a dead message from the member itself as left', () => {
    const t = table();
    t.applyDead('b', 5, 'b', 1);
    assert.equal(t.get('b')?.state, 'left');
  });

  void it('asks to refute claims about self above max(seen) and reasserts old ones', () => {
    const t = table();
    assert.deepEqual(t.applySuspect('me', 0, 1), { kind: 'refute', incarnation: 0 });
    assert.equal(t.refute(0).incarnation, 1);
    assert.deepEqual(t.applyDead('me', 0, 'x', 1), { kind: 'reassert' });
    assert.deepEqual(t.applyDead('me', 4, 'x', 1), { kind: 'refute', incarnation: 4 });
    assert.equal(t.refute(4).incarnation, 5);
    assert.equal(t.applyAlive('me', 'me:1', 5, 1).kind, 'ignored', 'our own alive echoed back');
    assert.deepEqual(t.applyAlive('me', 'me:1', 9, 1), { kind: 'refute', incarnation: 9 }, 'an earlier life of ours');
    assert.equal(t.refute(9).incarnation, 10);
  });

  void it('forgets dead and left members after a while, never self or live members', () => {
    const t = table();
    t.applyAlive('c', 'c:1', 0, 0);
    t.applyDead('b', 5, 'x', 100);
    assert.deepEqual(t.forget(100), []);
    assert.deepEqual(t.forget(101), ['b']);
    assert.deepEqual(t.list().map((m) => m.name).sort(), ['c', 'me']);
    assert.equal(t.liveCount(), 2);
  });
});
