import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  anyJson,
  array,
  bool,
  duration,
  durationMs,
  enumOf,
  formatPath,
  int,
  isString,
  isArray,
  map,
  object,
  octalMode,
  optional,
  percentOrInt,
  required,
  resolvePercentOrInt,
  string,
  templated,
  union,
  validateWith,
  type Schema,
} from '../../src/resources/schema.js';

function issues<T>(schema: Schema<T>, value: unknown): string[] {
  return validateWith(schema, value, ['x']).issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

function ok<T>(schema: Schema<T>, value: unknown): T {
  const r = validateWith(schema, value, ['x']);
  assert.deepEqual(r.issues, []);
  return r.value;
}

void describe('formatPath', () => {
  void it('writes dotted paths with list indexes and quotes odd keys', () => {
    assert.equal(formatPath(['spec', 'steps', 3, 'file', 'mode']), 'spec.steps[3].file.mode');
    assert.equal(formatPath(['metadata', 'labels', 'app.io/name']), 'metadata.labels["app.io/name"]');
    assert.equal(formatPath(['vars', 'join-token']), 'vars.join-token');
    assert.equal(formatPath([]), '');
  });
});

void describe('scalars', () => {
  void it('checks strings for length, pattern and emptiness', () => {
    const s = string({ maxLength: 3, pattern: /^[a-z]+$/, patternMessage: 'must be lower case' });
    assert.equal(ok(s, 'abc'), 'abc');
    assert.deepEqual(issues(s, ''), ['x: must not be empty']);
    assert.deepEqual(issues(s, 'abcd'), ['x: must be at most 3 characters']);
    assert.deepEqual(issues(s, 'AB'), ['x: must be lower case']);
    assert.deepEqual(issues(s, 5), ['x: must be a string (got a number)']);
  });

  void it('checks enums and integers', () => {
    assert.deepEqual(issues(enumOf(['a', 'b']), 'c'), ["x: must be one of: a, b (got 'c')"]);
    assert.deepEqual(issues(int({ min: 1 }), 0), ['x: must be at least 1 (got 0)']);
    assert.deepEqual(issues(int(), 1.5), ['x: must be an integer (got 1.5)']);
    assert.deepEqual(issues(int(), '1'), ['x: must be an integer (got a string)']);
    assert.deepEqual(issues(bool(), 'true'), ['x: must be true or false (got a string)']);
  });

  void it('accepts durations as people write them and converts them', () => {
    for (const [text, ms] of [['500ms', 500], ['30s', 30_000], ['5m', 300_000], ['1h30m', 5_400_000], ['1.5h', 5_400_000], ['7d', 604_800_000], ['0', 0]] as const) {
      assert.equal(ok(duration(), text), text);
      assert.equal(durationMs(text), ms);
    }
    for (const bad of ['', '5', '5 m', 'm', '1w', '-1s', '1h 30m']) assert.match(issues(duration(), bad)[0], /must be a duration/, bad);
    assert.deepEqual(issues(duration({ min: '1s' }), '500ms'), ["x: must be at least 1s (got '500ms')"]);
    assert.deepEqual(issues(duration({ max: '1m' }), '2m'), ["x: must be at most 1m (got '2m')"]);
  });

  void it('accepts a positive count or a percentage and resolves it against a total', () => {
    assert.equal(ok(percentOrInt(), 2), 2);
    assert.equal(ok(percentOrInt(), '25%'), '25%');
    assert.equal(ok(percentOrInt(), '100%'), '100%');
    assert.deepEqual(issues(percentOrInt(), '2'), ['x: must be a positive integer or a percentage']);
    assert.equal(resolvePercentOrInt('25%', 10), 3);
    assert.equal(resolvePercentOrInt('1%', 3), 1);
    assert.equal(resolvePercentOrInt(5, 3), 3);
    assert.equal(resolvePercentOrInt('100%', 0), 1);
  });

  void it('accepts quoted octal modes only', () => {
    assert.equal(ok(octalMode(), '0644'), '0644');
    assert.equal(ok(octalMode(), '755'), '755');
    assert.equal(ok(octalMode(), '1777'), '1777');
    assert.deepEqual(issues(octalMode(), '08'), ["x: '08' is not an octal mode (write it like '0644')"]);
    assert.match(issues(octalMode(), 420)[0], /quoted octal string/);
  });

  void it('lets a template stand in for a scalar, checking only literals', () => {
    const s = templated(int({ min: 1 }));
    assert.equal(ok(s, '{{vars.n}}'), '{{vars.n}}');
    assert.equal(ok(s, 3), 3);
    assert.deepEqual(issues(s, 'three'), ['x: must be an integer (got a string)']);
    assert.equal(ok(templated(octalMode()), '{{vars.mode}}'), '{{vars.mode}}');
  });
});

void describe('collections', () => {
  interface Thing {
    name: string;
    size?: number;
    a?: string;
    b?: string;
  }
  const thing = object<Thing>(
    { name: required(string()), size: optional(int({ min: 0 })), a: optional(string()), b: optional(string()) },
    { atMostOne: [['a', 'b']] },
  );

  void it('collects every issue, not just the first', () => {
    assert.deepEqual(issues(array(thing), [{ size: -1, colour: 'red' }, { name: 3, a: 'x', b: 'y' }]), [
      'x[0].size: must be at least 0 (got -1)',
      "x[0].colour: unknown field 'colour'",
      'x[0].name: is required',
      'x[1].name: must be a string (got a number)',
      'x[1]: must have at most one of: a, b (found a and b)',
    ]);
  });

  void it('treats null as absent and drops it', () => {
    assert.deepEqual(ok(thing, { name: 'n', size: null }), { name: 'n' });
    assert.deepEqual(issues(thing, { name: null }), ['x.name: is required']);
  });

  void it('returns a fresh copy without unknown prototype tricks', () => {
    const input = JSON.parse('{"name": "n", "__proto__": {"polluted": true}}') as unknown;
    assert.deepEqual(issues(thing, input), ["x.__proto__: unknown field '__proto__'"]);
    const free = ok(anyJson(), input) as Record<string, unknown>;
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(free), Object.prototype);
    assert.deepEqual(Object.keys(free), ['name', '__proto__']);
  });

  void it('bounds lists and finds duplicates', () => {
    assert.deepEqual(issues(array(string(), { maxItems: 1 }), ['a', 'b']), ['x: must have at most 1 items (got 2)']);
    assert.deepEqual(issues(array(string(), { unique: true }), ['a', 'b', 'a']), ['x[2]: duplicates an earlier item "a"']);
  });

  void it('checks map keys and values', () => {
    const m = map(int(), { key: (k) => (k.startsWith('_') ? 'must not start with _' : undefined) });
    assert.deepEqual(issues(m, { a: 1, _b: 2, c: 'x' }), ['x._b: must not start with _', 'x.c: must be an integer (got a string)']);
  });

  void it('picks the union branch by shape', () => {
    const u = union<string | string[]>('a name or a list of names', [
      { when: isString, schema: string() },
      { when: isArray, schema: array(string(), { minItems: 1 }) },
    ]);
    assert.equal(ok(u, 'a'), 'a');
    assert.deepEqual(ok(u, ['a']), ['a']);
    assert.deepEqual(issues(u, []), ['x: must not be empty']);
    assert.deepEqual(issues(u, 3), ['x: must be a name or a list of names (got a number)']);
  });
});

void describe('anyJson', () => {
  void it('accepts JSON data only', () => {
    assert.deepEqual(ok(anyJson(), { a: [1, 'b', null, true, { c: 1.5 }] }), { a: [1, 'b', null, true, { c: 1.5 }] });
    assert.match(issues(anyJson(), { f: () => 1 })[0], /^x\.f: must be JSON data.*got a function/);
    assert.match(issues(anyJson(), { u: undefined })[0], /^x\.u: must be JSON data.*got undefined/);
    assert.match(issues(anyJson(), { d: new Date(0) })[0], /got a Date/);
    assert.match(issues(anyJson(), [Number.NaN])[0], /^x\[0\]: must be a finite number \(got NaN\)/);
    assert.match(issues(anyJson(), { b: 1n })[0], /got a bigint/);
  });

  void it('bounds depth and size', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5; i++) deep = [deep];
    assert.match(issues(anyJson({ maxDepth: 3 }), deep)[0], /nests deeper than 3 levels/);
    assert.match(issues(anyJson({ maxBytes: 10 }), 'x'.repeat(20))[0], /must be at most 10 bytes as JSON/);
  });
});
