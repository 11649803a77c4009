// A small schema DSL for resource specs and statuses: the value types a spec
// can hold (strings with patterns, integers, durations, percentages, octal
// modes, labels, free-form JSON, objects, lists, maps, unions) and the object
// rules between fields (required, unknown fields, exactly one of some keys).
// We keep it rather than a library so that messages, unknown-field rejection
// and normalisation are exactly ours.
//
// A schema validates a value found at a field path and reports EVERY problem
// (not just the first) to an Issues list; the caller turns them into
// FieldIssues with source positions (validate.ts, parse.ts). Schemas never
// apply defaults: each kind's `withDefaults` does that in one place. Parsing
// returns a fresh, normalised copy: unknown or null optional fields dropped,
// and nothing from the input's prototype chain kept.

import { parseDuration } from '../lib/duration.js';
import { labelKeyProblem, labelValueProblem } from './labels.js';

export type PathSegment = string | number;
/** A field path as segments: `['spec', 'steps', 3, 'file', 'mode']`. */
export type Path = readonly PathSegment[];

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `spec.steps[3].file.mode`; keys that are not identifiers are quoted: `metadata.labels["app.io/name"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** One problem found by a schema. */
export interface Issue {
  /** the field the message is about */
  readonly path: Path;
  /** lower-case, no trailing period: `must be a positive integer or a percentage` */
  readonly message: string;
  /**
   * Where a source document should point, when not at the value at `path`:
   * the key itself (unknown fields, bad map keys) or another node (a missing
   * field points at its parent object).
   */
  readonly at?: { readonly path: Path; readonly key?: boolean };
}

/** Collects issues during one validation. Not shared between validations. */
export class Issues {
  readonly list: Issue[] = [];
  add(path: Path, message: string, at?: Issue['at']): void {
    this.list.push(at === undefined ? { path, message } : { path, message, at });
  }
  get size(): number {
    return this.list.length;
  }
}

export interface Schema<T> {
  /** what the schema accepts, for messages: `a string`, `a list` */
  readonly expected: string;
  /**
   * Checks `value` found at `path`, adds every problem to `issues`, and
   * returns the normalised value. The result is meaningful only when no issue
   * was added.
   */
  parse(value: unknown, path: Path, issues: Issues): T;
}

/** Placeholder result after an issue was reported. */
const INVALID = undefined as never;

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A short description of a value's type for messages: `a string`, `a list`, `null`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isFinite(v) ? 'a number' : String(v);
    case 'boolean':
      return 'a boolean';
    case 'undefined':
      return 'undefined';
    case 'object':
      return isPlainObject(v) ? 'an object' : `a ${v.constructor?.name ?? 'non-plain object'}`;
    default:
      return `a ${typeof v}`;
  }
}

/** A value for messages: `'lates'`, cut to 64 characters. */
export function quote(v: string): string {
  return `'${v.length > 64 ? `${v.slice(0, 61)}...` : v}'`;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Sets a property even when the key is `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

// ---------------------------------------------------------------- scalars

export interface StringOptions {
  /** default 1: the empty string is refused unless this is 0 */
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** message when `pattern` does not match; default `has an invalid format` */
  readonly patternMessage?: string;
  /** any further rule: returns why the string is bad, or undefined */
  readonly check?: (s: string) => string | undefined;
  readonly expected?: string;
}

export function string(opts: StringOptions = {}): Schema<string> {
  const { minLength = 1, maxLength, pattern, patternMessage, check } = opts;
  return {
    expected: opts.expected ?? 'a string',
    parse(v, path, issues) {
      if (typeof v !== 'string') {
        issues.add(path, `must be ${opts.expected ?? 'a string'} (got ${describeValue(v)})`);
        return INVALID;
      }
      if (v.length < minLength) {
        issues.add(path, minLength === 1 ? 'must not be empty' : `must be at least ${minLength} characters`);
        return INVALID;
      }
      if (maxLength !== undefined && v.length > maxLength) {
        issues.add(path, `must be at most ${maxLength} characters`);
        return INVALID;
      }
      if (pattern && !pattern.test(v)) {
        issues.add(path, patternMessage ?? 'has an invalid format');
        return INVALID;
      }
      const problem = check?.(v);
      if (problem !== undefined) {
        issues.add(path, problem);
        return INVALID;
      }
      return v;
    },
  };
}

/** One of a fixed set of strings. */
export function enumOf<const V extends string>(values: readonly V[]): Schema<V> {
  const list = values.join(', ');
  return {
    expected: `one of: ${list}`,
    parse(v, path, issues) {
      if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
        issues.add(path, `must be one of: ${list} (got ${typeof v === 'string' ? quote(v) : describeValue(v)})`);
        return INVALID;
      }
      return v as V;
    },
  };
}

/** Exactly this string. */
export function literal<const V extends string>(value: V): Schema<V> {
  return {
    expected: `'${value}'`,
    parse(v, path, issues) {
      if (v !== value) {
        issues.add(path, `must be '${value}' (got ${typeof v === 'string' ? quote(v) : describeValue(v)})`);
        return INVALID;
      }
      return value;
    },
  };
}

export interface NumberOptions {
  readonly min?: number;
  readonly max?: number;
  /** the whole message for any failure, e.g. `must be a positive integer` */
  readonly message?: string;
}

/** A safe integer, optionally bounded. */
export function int(opts: NumberOptions = {}): Schema<number> {
  const { min, max, message } = opts;
  return {
    expected: 'an integer',
    parse(v, path, issues) {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
        issues.add(path, message ?? `must be an integer (got ${typeof v === 'number' ? String(v) : describeValue(v)})`);
        return INVALID;
      }
      if (min !== undefined && v < min) {
        issues.add(path, message ?? `must be at least ${min} (got ${v})`);
        return INVALID;
      }
      if (max !== undefined && v > max) {
        issues.add(path, message ?? `must be at most ${max} (got ${v})`);
        return INVALID;
      }
      return v;
    },
  };
}

/** A finite number, optionally bounded. */
export function number(opts: NumberOptions = {}): Schema<number> {
  const { min, max, message } = opts;
  return {
    expected: 'a number',
    parse(v, path, issues) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        issues.add(path, message ?? `must be a finite number (got ${describeValue(v)})`);
        return INVALID;
      }
      if (min !== undefined && v < min) {
        issues.add(path, message ?? `must be at least ${min} (got ${v})`);
        return INVALID;
      }
      if (max !== undefined && v > max) {
        issues.add(path, message ?? `must be at most ${max} (got ${v})`);
        return INVALID;
      }
      return v;
    },
  };
}

export function bool(): Schema<boolean> {
  return {
    expected: 'true or false',
    parse(v, path, issues) {
      if (typeof v !== 'boolean') {
        issues.add(path, `must be true or false (got ${describeValue(v)})`);
        return INVALID;
      }
      return v;
    },
  };
}

/**
 * A duration string — `500ms`, `30s`, `5m`, `1h30m`, `7d` (units ms, s, m,
 * h, d; fractions allowed, `0` alone too). Kept as written; convert with
 * durationMs. `min` / `max` are duration strings too.
 */
export function duration(opts: { min?: string; max?: string } = {}): Schema<string> {
  const minMs = opts.min === undefined ? undefined : durationMs(opts.min);
  const maxMs = opts.max === undefined ? undefined : durationMs(opts.max);
  return {
    expected: 'a duration',
    parse(v, path, issues) {
      const ms = typeof v === 'string' ? parseDuration(v) : undefined;
      if (ms === undefined) {
        const got = typeof v === 'string' ? quote(v) : describeValue(v);
        issues.add(path, `must be a duration such as '30s', '5m' or '1h30m' (got ${got})`);
        return INVALID;
      }
      if (minMs !== undefined && ms < minMs) {
        issues.add(path, `must be at least ${opts.min} (got '${v as string}')`);
        return INVALID;
      }
      if (maxMs !== undefined && ms > maxMs) {
        issues.add(path, `must be at most ${opts.max} (got '${v as string}')`);
        return INVALID;
      }
      return v as string;
    },
  };
}

/** Milliseconds of a duration string. Throws on an invalid one (validate first). */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new RangeError(`'${text}' is not a duration`);
  return ms;
}

/** A positive count or a percentage of a whole: `2` or `'25%'`. */
export type PercentOrInt = number | string;

const PERCENT = /^(\d{1,3})%$/;

/** A positive integer (≥1) or a percentage string from `1%` to `100%`. */
export function percentOrInt(): Schema<PercentOrInt> {
  return {
    expected: 'a positive integer or a percentage',
    parse(v, path, issues) {
      if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1) return v;
      if (typeof v === 'string') {
        const m = PERCENT.exec(v);
        if (m) {
          const p = Number(m[1]);
          if (p >= 1 && p <= 100) return v;
          issues.add(path, `must be a percentage from 1% to 100% (got ${quote(v)})`);
          return INVALID;
        }
      }
      issues.add(path, 'must be a positive integer or a percentage');
      return INVALID;
    },
  };
}

/** Resolves a PercentOrInt against a total: at least 1, at most `total` (when total ≥ 1). */
export function resolvePercentOrInt(value: PercentOrInt, total: number): number {
  const n = typeof value === 'number' ? value : Math.ceil((Number(value.slice(0, -1)) / 100) * total);
  return Math.max(1, Math.min(n, Math.max(total, 1)));
}

const OCTAL_MODE = /^[0-7]{3,4}$/;

/**
 * A file mode as a quoted octal string, `'0644'` or `'755'`. Numbers are
 * refused: YAML 1.2 reads an unquoted 0644 as the decimal 644.
 */
export function octalMode(): Schema<string> {
  return {
    expected: "an octal mode such as '0644'",
    parse(v, path, issues) {
      if (typeof v === 'number') {
        issues.add(path, `must be a quoted octal string such as '0644' (an unquoted ${v} is read as a decimal number)`);
        return INVALID;
      }
      if (typeof v !== 'string' || !OCTAL_MODE.test(v)) {
        issues.add(path, typeof v === 'string' ? `${quote(v)} is not an octal mode (write it like '0644')` : `must be an octal mode such as '0644' (got ${describeValue(v)})`);
        return INVALID;
      }
      return v;
    },
  };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 / ISO-8601 timestamp string with a zone: `2024-05-01T12:00:00.000Z`. */
export function timestamp(): Schema<string> {
  return string({
    expected: 'a timestamp',
    check: (s) => (RFC3339.test(s) && Number.isFinite(Date.parse(s)) ? undefined : `must be an RFC 3339 timestamp such as '2024-05-01T12:00:00Z' (got ${quote(s)})`),
  });
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_MAX = 63;

/** Why `s` is not a lower-case DNS label (object names, namespaces, node names), or undefined. */
export function dnsLabelProblem(s: string, what = 'name'): string | undefined {
  if (s.length <= DNS_LABEL_MAX && DNS_LABEL.test(s)) return undefined;
  return `${quote(s)} is not a valid ${what}: must be a lower-case DNS label (a-z, 0-9 and '-', starting and ending with a letter or digit, at most ${DNS_LABEL_MAX} characters)`;
}

/** An object name: a lower-case DNS label, so it is safe as a store key segment. */
export function dnsLabel(what = 'name'): Schema<string> {
  return string({ expected: `a ${what}`, check: (s) => dnsLabelProblem(s, what) });
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A template identifier: `[A-Za-z_][A-Za-z0-9_]*`, at most 128 characters. */
export function identifier(): Schema<string> {
  return string({
    expected: 'an identifier',
    maxLength: 128,
    pattern: IDENTIFIER,
    patternMessage: 'must be an identifier: letters, digits and \'_\', not starting with a digit',
  });
}

// ---------------------------------------------------------------- templates

/** Whether a string is a handlebars template (contains `{{`). */
export function isTemplate(v: unknown): boolean {
  return typeof v === 'string' && v.includes('{{');
}

/**
 * Module args are rendered as templates before a module sees them, so any
 * scalar arg may be a template string instead: accepted as is, and the
 * literal form is validated only when the value is not a template.
 */
export function templated<T>(inner: Schema<T>): Schema<T | string> {
  return {
    expected: `${inner.expected} or a template`,
    parse(v, path, issues) {
      if (isTemplate(v)) return v as string;
      return inner.parse(v, path, issues);
    },
  };
}

// ---------------------------------------------------------------- collections

export interface ArrayOptions {
  readonly minItems?: number;
  readonly maxItems?: number;
  /** refuse repeated items (compared as JSON) */
  readonly unique?: boolean;
}

export function array<T>(of: Schema<T>, opts: ArrayOptions = {}): Schema<T[]> {
  const { minItems, maxItems, unique } = opts;
  return {
    expected: 'a list',
    parse(v, path, issues) {
      if (!Array.isArray(v)) {
        issues.add(path, `must be a list (got ${describeValue(v)})`);
        return INVALID;
      }
      if (minItems !== undefined && v.length < minItems) {
        issues.add(path, minItems === 1 ? 'must not be empty' : `must have at least ${minItems} items`);
        return INVALID;
      }
      if (maxItems !== undefined && v.length > maxItems) {
        issues.add(path, `must have at most ${maxItems} items (got ${v.length})`);
        return INVALID;
      }
      const out: T[] = [];
      const seen = new Set<string>();
      v.forEach((item: unknown, i) => {
        const p = [...path, i];
        const before = issues.size;
        const parsed = of.parse(item, p, issues);
        if (unique && issues.size === before) {
          const key = JSON.stringify(parsed);
          if (seen.has(key)) issues.add(p, `duplicates an earlier item ${key.length > 66 ? '' : key}`.trimEnd());
          seen.add(key);
        }
        out.push(parsed);
      });
      return out;
    },
  };
}

export interface MapOptions {
  /** why a key is bad, or undefined (reported at the key) */
  readonly key?: (k: string) => string | undefined;
  readonly maxEntries?: number;
}

/** An object used as a map: any keys (subject to `key`), every value of one schema. */
export function map<T>(of: Schema<T>, opts: MapOptions = {}): Schema<Record<string, T>> {
  return {
    expected: 'an object',
    parse(v, path, issues) {
      if (!isPlainObject(v)) {
        issues.add(path, `must be an object (got ${describeValue(v)})`);
        return INVALID;
      }
      const keys = Object.keys(v);
      if (opts.maxEntries !== undefined && keys.length > opts.maxEntries) {
        issues.add(path, `must have at most ${opts.maxEntries} entries (got ${keys.length})`);
        return INVALID;
      }
      const out: Record<string, T> = {};
      for (const k of keys) {
        const p = [...path, k];
        const problem = opts.key?.(k);
        if (problem !== undefined) issues.add(p, problem, { path: p, key: true });
        setOwn(out, k, of.parse(v[k], p, issues));
      }
      return out;
    },
  };
}

/** A field of an object schema: its schema and whether it must be present. */
export interface Field<T, R extends boolean> {
  readonly schema: Schema<T>;
  readonly required: R;
}

export function required<T>(schema: Schema<T>): Field<T, true> {
  return { schema, required: true };
}

export function optional<T>(schema: Schema<T>): Field<T, false> {
  return { schema, required: false };
}

/** The field table of an object type: every key, required exactly when the type requires it. */
export type Fields<T> = {
  readonly [K in keyof T]-?: Field<Exclude<T[K], undefined>, undefined extends T[K] ? false : true>;
};

export interface RefineContext {
  readonly path: Path;
  readonly issues: Issues;
  /**
   * true when the object's own fields had no issue. When false, fields that
   * failed are undefined (lists keep undefined items), so a refine that runs
   * anyway must read them defensively.
   */
  readonly clean: boolean;
  /** the input object as given */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface ObjectOptions<T> {
  /**
   * Keys not in the field table: refused (the default) or, with a schema,
   * kept and validated by it (free-form facts).
   */
  readonly rest?: Schema<unknown>;
  /** groups of keys of which exactly one must be present */
  readonly exactlyOne?: readonly (readonly (keyof T & string)[])[];
  /** groups of keys of which at most one may be present */
  readonly atMostOne?: readonly (readonly (keyof T & string)[])[];
  /** groups of keys of which at least one must be present */
  readonly atLeastOne?: readonly (readonly (keyof T & string)[])[];
  /**
   * Cross-field rules. Always called, so cross-references are checked even
   * when an unrelated field is wrong; `ctx.clean` says whether every field
   * parsed (most rules return early when it is false).
   */
  readonly refine?: (value: T, ctx: RefineContext) => void;
  readonly expected?: string;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The known name closest to `key` when it is probably a typo of it. */
export function suggest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.min(2, Math.floor(key.length / 2)) ? best : undefined;
}

/** The message for a key an object does not know. */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const s = suggest(key, known);
  return `unknown field ${quote(key)}${s ? ` (did you mean '${s}'?)` : ''}`;
}

/**
 * An object with a fixed set of fields. Null counts as absent. A missing
 * required field is reported at its own path (`spec.targets: is required`)
 * and points at the parent object; an unknown field points at its key.
 */
export function object<T>(fields: Fields<T>, opts: ObjectOptions<T> = {}): Schema<T> & { readonly fields: Fields<T> } {
  const table = fields as unknown as Record<string, Field<unknown, boolean>>;
  const known = Object.keys(table);
  const present = (o: Record<string, unknown>, k: string): boolean => hasOwn(o, k) && o[k] !== undefined && o[k] !== null;
  const groupCheck = (
    o: Record<string, unknown>,
    path: Path,
    issues: Issues,
    group: readonly string[],
    rule: 'exactly' | 'at most' | 'at least',
  ): void => {
    const found = group.filter((k) => present(o, k));
    const list = group.join(', ');
    if (found.length === 0 && rule !== 'at most') {
      issues.add(path, `must have ${rule} one of: ${list}`);
    } else if (found.length > 1 && rule !== 'at least') {
      issues.add(path, `must have ${rule} one of: ${list} (found ${found.join(' and ')})`, { path: [...path, found[1]], key: true });
    }
  };
  return {
    fields,
    expected: opts.expected ?? 'an object',
    parse(v, path, issues) {
      if (!isPlainObject(v)) {
        issues.add(path, `must be an object (got ${describeValue(v)})`);
        return INVALID;
      }
      const before = issues.size;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const p = [...path, k];
        const field = hasOwn(table, k) ? table[k] : undefined;
        if (field === undefined) {
          if (opts.rest) setOwn(out, k, opts.rest.parse(v[k], p, issues));
          else issues.add(p, unknownFieldMessage(k, known), { path: p, key: true });
          continue;
        }
        if (v[k] === null || v[k] === undefined) continue;
        out[k] = field.schema.parse(v[k], p, issues);
      }
      for (const k of known) {
        if (table[k].required && !present(v, k)) issues.add([...path, k], 'is required', { path });
      }
      for (const g of opts.exactlyOne ?? []) groupCheck(v, path, issues, g, 'exactly');
      for (const g of opts.atMostOne ?? []) groupCheck(v, path, issues, g, 'at most');
      for (const g of opts.atLeastOne ?? []) groupCheck(v, path, issues, g, 'at least');
      opts.refine?.(out as T, { path, issues, raw: v, clean: issues.size === before });
      return out as T;
    },
  };
}

/** One branch of a union: taken when `when` holds for the raw value. */
export interface Alternative<T> {
  readonly when: (v: unknown) => boolean;
  readonly schema: Schema<T>;
}

/**
 * One of several shapes, chosen by the first alternative whose `when` holds
 * (e.g. a string or a list), so the errors come from the shape the user
 * meant. When none holds: `must be <expected>`.
 */
export function union<T>(expected: string, alternatives: readonly Alternative<T>[]): Schema<T> {
  return {
    expected,
    parse(v, path, issues) {
      for (const alt of alternatives) if (alt.when(v)) return alt.schema.parse(v, path, issues);
      issues.add(path, `must be ${expected} (got ${describeValue(v)})`);
      return INVALID;
    },
  };
}

/** The value `inner` accepts, transformed by `fn` (called only when it was valid). */
export function convert<T, U>(inner: Schema<T>, fn: (v: T) => U, expected = inner.expected): Schema<U> {
  return {
    expected,
    parse(v, path, issues) {
      const before = issues.size;
      const out = inner.parse(v, path, issues);
      return issues.size === before ? fn(out) : INVALID;
    },
  };
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNumber = (v: unknown): v is number => typeof v === 'number';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
export const isObject = (v: unknown): boolean => isPlainObject(v);

// ---------------------------------------------------------------- free-form data

export interface AnyOptions {
  /** deepest nesting accepted below this value; default 32 */
  readonly maxDepth?: number;
  /** largest JSON serialisation accepted, bytes; default unbounded (the object limit applies) */
  readonly maxBytes?: number;
}

/**
 * Free-form JSON data (vars, `--set` values, event data): strings, finite
 * numbers, booleans, null, lists and plain objects, nothing else — no
 * undefined, functions, NaN, dates or buffers. Returns a deep copy.
 */
export function anyJson(opts: AnyOptions = {}): Schema<JsonValue> {
  const maxDepth = opts.maxDepth ?? 32;
  const walk = (v: unknown, path: Path, issues: Issues, depth: number): JsonValue => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return v;
      issues.add(path, `must be a finite number (got ${String(v)})`);
      return INVALID;
    }
    if (depth >= maxDepth && (Array.isArray(v) || isPlainObject(v))) {
      issues.add(path, `nests deeper than ${maxDepth} levels`);
      return INVALID;
    }
    if (Array.isArray(v)) return v.map((x: unknown, i) => walk(x, [...path, i], issues, depth + 1));
    if (isPlainObject(v)) {
      const out: JsonObject = {};
      for (const k of Object.keys(v)) setOwn(out, k, walk(v[k], [...path, k], issues, depth + 1));
      return out;
    }
    issues.add(path, `must be JSON data: a string, number, boolean, null, list or object (got ${describeValue(v)})`);
    return INVALID;
  };
  return {
    expected: 'JSON data',
    parse(v, path, issues) {
      const before = issues.size;
      const out = walk(v, path, issues, 0);
      if (issues.size === before && opts.maxBytes !== undefined) {
        const bytes = Buffer.byteLength(JSON.stringify(out));
        if (bytes > opts.maxBytes) issues.add(path, `must be at most ${opts.maxBytes} bytes as JSON (got ${bytes})`);
      }
      return out;
    },
  };
}

/** A JSON object (not a list or scalar) of free-form data, with keys checked by `key`. */
export function anyObject(opts: AnyOptions & { key?: (k: string) => string | undefined } = {}): Schema<JsonObject> {
  const inner = anyJson({ ...opts, maxDepth: (opts.maxDepth ?? 32) });
  return {
    expected: 'an object',
    parse(v, path, issues) {
      if (!isPlainObject(v)) {
        issues.add(path, `must be an object (got ${describeValue(v)})`);
        return INVALID;
      }
      if (opts.key) {
        for (const k of Object.keys(v)) {
          const problem = opts.key(k);
          if (problem !== undefined) issues.add([...path, k], problem, { path: [...path, k], key: true });
        }
      }
      return inner.parse(v, path, issues) as JsonObject;
    },
  };
}

// ---------------------------------------------------------------- labels

/** Most labels one object may carry. */
export const MAX_LABELS = 256;
/** Largest total size of an object's annotations (keys + values), bytes, as in Kubernetes. */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

function labelKeyMessage(k: string): string | undefined {
  const problem = labelKeyProblem(k);
  return problem === undefined ? undefined : `label key ${problem}`;
}

/** Labels: keys and values follow Kubernetes' rules (see labels.ts). */
export function labelsMap(): Schema<Record<string, string>> {
  return map(string({ minLength: 0, check: labelValueProblem, expected: 'a quoted string' }), {
    key: labelKeyMessage,
    maxEntries: MAX_LABELS,
  });
}

/** Annotations: label-rule keys, any string values, at most 256 KiB in total. */
export function annotationsMap(): Schema<Record<string, string>> {
  const inner = map(string({ minLength: 0, expected: 'a quoted string' }), { key: labelKeyMessage });
  return {
    expected: 'an object',
    parse(v, path, issues) {
      const before = issues.size;
      const out = inner.parse(v, path, issues);
      if (issues.size === before) {
        let bytes = 0;
        for (const [k, val] of Object.entries(out)) bytes += Buffer.byteLength(k) + Buffer.byteLength(val);
        if (bytes > MAX_ANNOTATION_BYTES) issues.add(path, `must total at most ${MAX_ANNOTATION_BYTES} bytes (got ${bytes})`);
      }
      return out;
    },
  };
}

/** Runs a schema over a value from scratch. */
export function validateWith<T>(schema: Schema<T>, value: unknown, path: Path = []): { value: T; issues: Issue[] } {
  const issues = new Issues();
  const out = schema.parse(value, path, issues);
  return { value: out, issues: issues.list };
}
