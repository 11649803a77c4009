// The template helpers: a small, documented set of pure functions. They never
// read files, the environment or the clock, and every one is bounded (range
// is capped, string results are capped by the engine's output limit, and
// helpers that multiply their input check the size first). engine.ts
// registers them on its handlebars instance, checks the argument count,
// refuses block use and named arguments, and adds the helper name and line to
// any complaint. Besides these, templates have handlebars' block helpers
// `each`, `if`, `unless` and `with`; `lookup`, `log`, decorators and
// partial blocks are not available.

import { createHash } from 'node:crypto';
import { stringify as yamlStringify } from 'yaml';
import { HelperArgumentError } from './template-failure.js';
import { SecretValue } from './secret-value.js';

/** What helpers may use from the engine while a template renders. */
export interface HelperEnv {
  /** the plain value of a secret; the engine records it as revealed */
  reveal(secret: SecretValue): string;
  /** the longest string a helper may build, characters (the engine's output limit) */
  readonly maxOutputChars: number;
}

export interface HelperSpec {
  /** how it is written, e.g. `join list [sep]` */
  readonly usage: string;
  /** one line for people */
  readonly doc: string;
  readonly minArgs: number;
  /** Infinity when variadic */
  readonly maxArgs: number;
  /** true: its arguments may name variables that are not defined (they arrive as undefined) */
  readonly lenient?: boolean;
  readonly fn: (args: readonly unknown[], env: HelperEnv) => unknown;
}

/** Largest `n` for `range n`. */
export const MAX_RANGE = 100_000;
/** Largest `n` for `indent text n` and the indent of `toJson`. */
export const MAX_INDENT = 1000;
/** Deepest value toJson / toYaml / eq walk (as MAX_OBJECT_DEPTH for resources). */
export const MAX_VALUE_DEPTH = 64;
/** Built-in block helpers whose (direct) arguments may name variables that are not defined. */
export const LENIENT_BLOCK_HELPERS: readonly string[] = ['if', 'unless'];

const NUMBER = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A short description of a value for messages; never shows a secret. */
export function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (v instanceof SecretValue) return 'a secret';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return `the string '${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`;
    case 'number':
    case 'boolean':
      return `${typeof v} ${String(v)}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof v}`;
  }
}

/**
 * Truthiness as handlebars' `if` sees it: false for undefined, null, false,
 * 0, NaN, '' and the empty list; true for everything else (objects, secrets).
 */
export function isTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

/** A string, number or boolean as text; a secret as its plain value; anything else is refused. */
export function text(v: unknown, env: HelperEnv, what = 'text'): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof SecretValue) return env.reveal(v);
  throw new HelperArgumentError(`expected ${what} (got ${describe(v)})`);
}

/** A number, or a string that holds one; undefined otherwise. */
export function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && NUMBER.test(v)) {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function num(v: unknown): number {
  const n = numeric(v);
  if (n === undefined) throw new HelperArgumentError(`expected a number (got ${describe(v)})`);
  return n;
}

function int(v: unknown, min: number, max: number): number {
  const n = num(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new HelperArgumentError(`expected an integer from ${min} to ${max} (got ${describe(v)})`);
  return n;
}

function finite(n: number): number {
  if (!Number.isFinite(n)) throw new HelperArgumentError('the result is not a finite number');
  return n;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof SecretValue);
}

/**
 * A deep copy of `v` that JSON and YAML can print: secrets become their
 * plain values, and anything that is not JSON (functions, undefined inside
 * lists, symbols) is refused. Keys are copied as own data properties.
 */
export function plainValue(v: unknown, env: Pick<HelperEnv, 'reveal'>, depth = 0): unknown {
  if (depth > MAX_VALUE_DEPTH) throw new HelperArgumentError(`the value is nested deeper than ${MAX_VALUE_DEPTH} levels`);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new HelperArgumentError(`${String(v)} is not a JSON number`);
    return v;
  }
  if (v instanceof SecretValue) return env.reveal(v);
  if (Array.isArray(v)) {
    return v.map((x, i) => {
      if (x === undefined) throw new HelperArgumentError(`item ${i} of a list is undefined`);
      return plainValue(x, env, depth + 1);
    });
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      Object.defineProperty(out, k, { value: plainValue(x, env, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  throw new HelperArgumentError(`${describe(v)} cannot be turned into JSON`);
}

/**
 * Equality for templates: JSON values compare deeply; a number or boolean
 * equals its string form (`--set port=8080` arrives as the string '8080'),
 * and undefined equals null.
 */
export function looseEqual(a: unknown, b: unknown, env: HelperEnv, depth = 0): boolean {
  if (depth > MAX_VALUE_DEPTH) throw new HelperArgumentError(`the value is nested deeper than ${MAX_VALUE_DEPTH} levels`);
  const x = a instanceof SecretValue ? env.reveal(a) : a;
  const y = b instanceof SecretValue ? env.reveal(b) : b;
  if (x === y) return true;
  if (x === null || x === undefined || y === null || y === undefined) return (x ?? null) === (y ?? null);
  if (typeof x === 'string' && (typeof y === 'number' || typeof y === 'boolean')) return x === String(y);
  if (typeof y === 'string' && (typeof x === 'number' || typeof x === 'boolean')) return y === String(x);
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    return x.every((v, i) => looseEqual(v, y[i], env, depth + 1));
  }
  if (isPlainObject(x) && isPlainObject(y)) {
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    return kx.every((k) => Object.hasOwn(y, k) && looseEqual(x[k], y[k], env, depth + 1));
  }
  return false;
}

function compare(a: unknown, b: unknown, env: HelperEnv): number {
  const x = a instanceof SecretValue ? env.reveal(a) : a;
  const y = b instanceof SecretValue ? env.reveal(b) : b;
  const nx = numeric(x);
  const ny = numeric(y);
  if (nx !== undefined && ny !== undefined) return nx - ny;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  throw new HelperArgumentError(`expected two numbers or two strings (got ${describe(a)} and ${describe(b)})`);
}

function list(v: unknown, what = 'a list'): readonly unknown[] {
  if (!Array.isArray(v)) throw new HelperArgumentError(`expected ${what} (got ${describe(v)})`);
  return v;
}

function checkSize(chars: number, env: HelperEnv): void {
  if (chars > env.maxOutputChars) throw new HelperArgumentError(`the result would be larger than the output limit (${env.maxOutputChars} characters)`);
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

function indentLines(s: string, n: number, env: HelperEnv): string {
  const lines = s.split('\n');
  checkSize(s.length + lines.length * n, env);
  const pad = ' '.repeat(n);
  return lines.map((l) => (l === '' ? l : pad + l)).join('\n');
}

/** Every helper templates can call, by name. */
export const HELPERS: Readonly<Record<string, HelperSpec>> = Object.freeze({
  default: {
    usage: 'default value fallback [fallback...]',
    doc: 'the first argument that is neither null nor undefined; the only helper whose arguments may name variables that are not defined',
    minArgs: 2,
    maxArgs: Infinity,
    lenient: true,
    fn: (args) => args.find((a) => a !== undefined && a !== null) ?? args[args.length - 1] ?? null,
  },
  eq: {
    usage: 'eq a b',
    doc: "true when a and b are equal JSON values (deeply); a number or boolean equals its string form ('8080' = 8080)",
    minArgs: 2,
    maxArgs: 2,
    fn: ([a, b], env) => looseEqual(a, b, env),
  },
  ne: {
    usage: 'ne a b',
    doc: 'not eq',
    minArgs: 2,
    maxArgs: 2,
    fn: ([a, b], env) => !looseEqual(a, b, env),
  },
  lt: {
    usage: 'lt a b',
    doc: 'a < b, for two numbers (numeric strings count as numbers) or two strings (code-point order)',
    minArgs: 2,
    maxArgs: 2,
    fn: ([a, b], env) => compare(a, b, env) < 0,
  },
  gt: {
    usage: 'gt a b',
    doc: 'a > b, as lt',
    minArgs: 2,
    maxArgs: 2,
    fn: ([a, b], env) => compare(a, b, env) > 0,
  },
  and: {
    usage: 'and a b [c...]',
    doc: "true when every argument is truthy (as #if sees it: not false, 0, '', null, undefined or an empty list)",
    minArgs: 2,
    maxArgs: Infinity,
    fn: (args) => args.every(isTruthy),
  },
  or: {
    usage: 'or a b [c...]',
    doc: 'true when some argument is truthy',
    minArgs: 2,
    maxArgs: Infinity,
    fn: (args) => args.some(isTruthy),
  },
  not: {
    usage: 'not a',
    doc: 'true when a is not truthy',
    minArgs: 1,
    maxArgs: 1,
    fn: ([a]) => !isTruthy(a),
  },
  join: {
    usage: 'join list [sep]',
    doc: "the items of a list (strings, numbers, booleans) joined with sep, default ','",
    minArgs: 1,
    maxArgs: 2,
    fn: ([l, sep], env) => {
      const items = list(l);
      const s = sep === undefined ? ',' : text(sep, env, 'a separator');
      const parts = items.map((x, i) => {
        try {
          return text(x, env);
        } catch {
          throw new HelperArgumentError(`item ${i} is ${describe(x)}, not text`);
        }
      });
      checkSize(parts.reduce((n, p) => n + p.length + s.length, 0), env);
      return parts.join(s);
    },
  },
  toJson: {
    usage: 'toJson value [indent]',
    doc: 'the value as JSON, on one line or indented by indent spaces (0-10); secrets print their plain values',
    minArgs: 1,
    maxArgs: 2,
    fn: ([v, indent], env) => {
      if (v === undefined) throw new HelperArgumentError('expected a value (got undefined)');
      return JSON.stringify(plainValue(v, env), null, indent === undefined ? undefined : int(indent, 0, 10));
    },
  },
  toYaml: {
    usage: 'toYaml value',
    doc: 'the value as a YAML document without the trailing newline (combine with indent to nest it)',
    minArgs: 1,
    maxArgs: 1,
    fn: ([v], env) => {
      if (v === undefined) throw new HelperArgumentError('expected a value (got undefined)');
      return yamlStringify(plainValue(v, env), null, { lineWidth: 0, aliasDuplicateObjects: false }).replace(/\n$/, '');
    },
  },
  indent: {
    usage: 'indent text n',
    doc: `text with n spaces (0-${MAX_INDENT}) before every line that is not empty`,
    minArgs: 2,
    maxArgs: 2,
    fn: ([s, n], env) => indentLines(text(s, env), int(n, 0, MAX_INDENT), env),
  },
  b64enc: {
    usage: 'b64enc text',
    doc: 'the UTF-8 bytes of text in base64',
    minArgs: 1,
    maxArgs: 1,
    fn: ([s], env) => {
      const t = text(s, env);
      checkSize(Math.ceil(Buffer.byteLength(t, 'utf8') / 3) * 4, env);
      return Buffer.from(t, 'utf8').toString('base64');
    },
  },
  b64dec: {
    usage: 'b64dec text',
    doc: 'base64 (whitespace ignored) decoded as UTF-8 text',
    minArgs: 1,
    maxArgs: 1,
    fn: ([s], env) => {
      const t = text(s, env).replace(/\s+/g, '');
      if (t.length % 4 !== 0 || !BASE64.test(t)) throw new HelperArgumentError('expected base64 text');
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(t, 'base64'));
      } catch {
        throw new HelperArgumentError('the decoded bytes are not UTF-8 text');
      }
    },
  },
  sha256: {
    usage: 'sha256 text',
    doc: 'the SHA-256 of the UTF-8 bytes of text, as 64 hex digits',
    minArgs: 1,
    maxArgs: 1,
    fn: ([s], env) => createHash('sha256').update(text(s, env), 'utf8').digest('hex'),
  },
  upper: {
    usage: 'upper text',
    doc: 'text in upper case',
    minArgs: 1,
    maxArgs: 1,
    fn: ([s], env) => text(s, env).toUpperCase(),
  },
  lower: {
    usage: 'lower text',
    doc: 'text in lower case',
    minArgs: 1,
    maxArgs: 1,
    fn: ([s], env) => text(s, env).toLowerCase(),
  },
  trim: {
    usage: 'trim text',
    doc: 'text without leading and trailing whitespace',
    minArgs: 1,
    maxArgs: 1,
    fn: ([s], env) => text(s, env).trim(),
  },
  replace: {
    usage: 'replace text from to',
    doc: 'text with every occurrence of from (literal, not a pattern; not empty) replaced by to',
    minArgs: 3,
    maxArgs: 3,
    fn: ([s, from, to], env) => {
      const t = text(s, env);
      const f = text(from, env, 'the text to replace');
      const r = text(to, env, 'a replacement');
      if (f === '') throw new HelperArgumentError('the text to replace must not be empty');
      const parts = t.split(f);
      checkSize(t.length + (parts.length - 1) * (r.length - f.length), env);
      return parts.join(r);
    },
  },
  split: {
    usage: 'split text sep',
    doc: "the list of pieces of text between occurrences of sep ('' splits into characters)",
    minArgs: 2,
    maxArgs: 2,
    fn: ([s, sep], env) => {
      const t = text(s, env);
      const p = text(sep, env, 'a separator');
      return p === '' ? Array.from(t) : t.split(p);
    },
  },
  len: {
    usage: 'len value',
    doc: 'the number of characters of text, items of a list or keys of an object',
    minArgs: 1,
    maxArgs: 1,
    fn: ([v], env) => {
      if (typeof v === 'string') return codePoints(v);
      if (v instanceof SecretValue) return codePoints(env.reveal(v));
      if (Array.isArray(v)) return v.length;
      if (isPlainObject(v)) return Object.keys(v).length;
      throw new HelperArgumentError(`expected text, a list or an object (got ${describe(v)})`);
    },
  },
  contains: {
    usage: 'contains haystack needle',
    doc: 'true when text contains the text needle, a list has an item equal (as eq) to needle, or an object has the key needle',
    minArgs: 2,
    maxArgs: 2,
    fn: ([h, needle], env) => {
      if (typeof h === 'string' || h instanceof SecretValue) return text(h, env).includes(text(needle, env, 'text to look for'));
      if (Array.isArray(h)) return h.some((x) => looseEqual(x, needle, env));
      if (isPlainObject(h)) return Object.hasOwn(h, text(needle, env, 'a key'));
      throw new HelperArgumentError(`expected text, a list or an object to look in (got ${describe(h)})`);
    },
  },
  range: {
    usage: 'range n',
    doc: `the list 0, 1, ..., n-1 (n from 0 to ${MAX_RANGE})`,
    minArgs: 1,
    maxArgs: 1,
    fn: ([n]) => Array.from({ length: int(n, 0, MAX_RANGE) }, (_, i) => i),
  },
  add: {
    usage: 'add a b',
    doc: 'a + b (numbers, or strings that hold numbers)',
    minArgs: 2,
    maxArgs: 2,
    fn: ([a, b]) => finite(num(a) + num(b)),
  },
  sub: {
    usage: 'sub a b',
    doc: 'a - b',
    minArgs: 2,
    maxArgs: 2,
    fn: ([a, b]) => finite(num(a) - num(b)),
  },
  mul: {
    usage: 'mul a b',
    doc: 'a * b',
    minArgs: 2,
    maxArgs: 2,
    fn: ([a, b]) => finite(num(a) * num(b)),
  },
} satisfies Record<string, HelperSpec>);

/** The names of the helpers above, sorted. */
export const HELPER_NAMES: readonly string[] = Object.keys(HELPERS).sort();
