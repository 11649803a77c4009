import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from '../../src/errors.js';
import {
  formatLabelSelector,
  labelKeyProblem,
  labelValueProblem,
  matchLabels,
  matchNodeSelector,
  matchesSelector,
  parseLabelSelector,
} from '../../src/resources/index.js';

void describe('label keys and values', () => {
  void it('accepts names, prefixed names and the empty value', () => {
    for (const k of ['tier', 'app.kubernetes.io/name', 'a', 'A_b-c.d', 'example.com/Zone1']) assert.equal(labelKeyProblem(k), undefined, k);
    for (const v of ['', 'web', 'v1.2.3', 'A_b-c']) assert.equal(labelValueProblem(v), undefined, v);
  });

  void it('refuses bad keys with a reason', () => {
    assert.match(labelKeyProblem('a b')!, /alphanumeric/);
    assert.match(labelKeyProblem('-a')!, /alphanumeric/);
    assert.match(labelKeyProblem('/a')!, /empty prefix/);
    assert.match(labelKeyProblem('a/')!, /empty name/);
    assert.match(labelKeyProblem('A.com/x')!, /lower-case DNS subdomain/);
    assert.match(labelKeyProblem('x'.repeat(64))!, /longer than 63/);
    assert.match(labelKeyProblem(`${'a'.repeat(254)}/x`)!, /longer than 253/);
  });

  void it('refuses bad values', () => {
    assert.match(labelValueProblem('a b')!, /alphanumeric/);
    assert.match(labelValueProblem('x'.repeat(64))!, /at most 63/);
    assert.match(labelValueProblem('a-')!, /alphanumeric/);
  });
});

void describe('parseLabelSelector', () => {
  void it('parses every operator form', () => {
    assert.deepEqual(parseLabelSelector('a=b, a==c,c!=d,e in (x, y),f notin (z),g,!h'), [
      { key: 'a', operator: 'In', values: ['b'] },
      { key: 'a', operator: 'In', values: ['c'] },
      { key: 'c', operator: 'NotIn', values: ['d'] },
      { key: 'e', operator: 'In', values: ['x', 'y'] },
      { key: 'f', operator: 'NotIn', values: ['z'] },
      { key: 'g', operator: 'Exists', values: [] },
      { key: 'h', operator: 'DoesNotExist', values: [] },
    ]);
  });

  void it('reads the empty string as the selector that matches everything', () => {
    assert.deepEqual(parseLabelSelector(''), []);
    assert.deepEqual(parseLabelSelector('   '), []);
    assert.equal(matchLabels('', { a: 'b' }), true);
  });

  void it('accepts prefixed keys and an empty value', () => {
    assert.deepEqual(parseLabelSelector('example.com/tier=,x'), [
      { key: 'example.com/tier', operator: 'In', values: [''] },
      { key: 'x', operator: 'Exists', values: [] },
    ]);
  });

  const bad: [string, RegExp][] = [
    ['a in (x', /expected ',' or '\)' at the end/],
    ['a in x', /expected '\(' after 'in'/],
    ['a in ()', /'in' needs at least one value/],
    ['a,', /ends with a comma/],
    [',a', /expected a label key at position 1/],
    ['a b', /expected ',' at position 3, found 'b'/],
    ['a=b c', /expected ',' at position 5/],
    ['!', /expected a label key at the end/],
    ['bad key!=x', /expected ','/],
    ['a=b c d', /expected ','/],
    ['x=y z', /expected ','/],
    ['a=' + 'v'.repeat(64), /value '.*' of 'a' must be at most 63/],
    ['-a=b', /key '-a'/],
  ];
  for (const [text, reason] of bad) {
    void it(`refuses '${text.slice(0, 20)}' with a clear reason`, () => {
      assert.throws(
        () => parseLabelSelector(text),
        (err: unknown) => err instanceof InvalidArgumentError && err.message.startsWith(`invalid label selector '`) && reason.test(err.message),
      );
    });
  }

  void it('round-trips through formatLabelSelector', () => {
    const text = 'a=b,c!=d,e in (x,y),f notin (z,w),g,!h';
    assert.equal(formatLabelSelector(parseLabelSelector(text)), text);
  });
});

void describe('matchLabels', () => {
  const labels = { tier: 'web', env: 'prod', canary: '' };
  const cases: [string, boolean][] = [
    ['tier=web', true],
    ['tier==web', true],
    ['tier=db', false],
    ['tier!=db', true],
    ['zone!=a', true],
    ['env in (prod,staging)', true],
    ['env notin (prod)', false],
    ['zone notin (a)', true],
    ['zone in (a)', false],
    ['canary', true],
    ['!canary', false],
    ['!zone', true],
    ['tier=web,env=prod', true],
    ['tier=web,env=dev', false],
    ['canary=', true],
  ];
  for (const [sel, want] of cases) {
    void it(`${want ? 'matches' : 'does not match'} '${sel}'`, () => {
      assert.equal(matchLabels(sel, labels), want);
      assert.equal(matchesSelector(parseLabelSelector(sel), labels), want);
    });
  }

  void it('treats missing labels as none', () => {
    assert.equal(matchLabels('!a', undefined), true);
    assert.equal(matchLabels('a', undefined), false);
  });

  void it('does not see inherited properties as labels', () => {
    assert.equal(matchLabels('constructor', {}), false);
    assert.equal(matchLabels('toString=x', {}), false);
  });
});

void describe('matchNodeSelector', () => {
  const labels = { tier: 'web', env: 'prod' };
  void it('needs every matchLabels pair and every expression', () => {
    assert.equal(matchNodeSelector({ matchLabels: { tier: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, labels), true);
    assert.equal(matchNodeSelector({ matchLabels: { tier: 'web' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels), false);
    assert.equal(matchNodeSelector({ matchLabels: { tier: 'db' } }, labels), false);
    assert.equal(matchNodeSelector({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels), true);
    assert.equal(matchNodeSelector({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels), false);
  });

  void it('matches every node with the empty selector', () => {
    assert.equal(matchNodeSelector({}, {}), true);
  });

  void it('accepts a selector string too', () => {
    assert.equal(matchNodeSelector('tier=web,env in (prod)', labels), true);
  });
});
