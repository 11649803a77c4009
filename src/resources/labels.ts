// Labels and label selectors, with Kubernetes' rules and semantics. This file
// owns the syntax of label keys and values (also used by the schema DSL for
// metadata.labels and annotation keys), the parser for selector strings such
// as `tier=web,env in (prod,staging),!canary` (flotctl -l, List and Watch
// requests, TaskBook targets) and the matchers. It knows nothing about nodes
// or the store: callers pass the labels they want matched.

import { InvalidArgumentError } from '../errors.js';

/** longest label name (the part after an optional `prefix/`) and longest label value */
export const LABEL_NAME_MAX = 63;
/** longest label key prefix (a DNS subdomain) */
export const LABEL_PREFIX_MAX = 253;

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Why `key` is not a valid label (or annotation) key, or undefined when it is.
 * A key is an optional DNS-subdomain prefix (lower case, ≤253 chars) and '/',
 * then a name of ≤63 chars `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`.
 */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  let name = key;
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    name = key.slice(slash + 1);
    if (prefix.length === 0) return 'has an empty prefix before \'/\'';
    if (prefix.length > LABEL_PREFIX_MAX) return `has a prefix longer than ${LABEL_PREFIX_MAX} characters`;
    if (!DNS_SUBDOMAIN.test(prefix)) return `has a prefix '${prefix}' that is not a lower-case DNS subdomain`;
  }
  if (name.length === 0) return 'has an empty name';
  if (name.length > LABEL_NAME_MAX) return `has a name longer than ${LABEL_NAME_MAX} characters`;
  if (!LABEL_NAME.test(name)) {
    return "must be alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric character (with an optional DNS-subdomain prefix and '/')";
  }
  return undefined;
}

/** Why `value` is not a valid label value (≤63 chars, same charset as a name, or empty), or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > LABEL_NAME_MAX) return `must be at most ${LABEL_NAME_MAX} characters`;
  if (!LABEL_NAME.test(value)) {
    return "must be empty or alphanumeric, '-', '_' or '.', starting and ending with an alphanumeric character";
  }
  return undefined;
}

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/**
 * One condition on one label. `In` needs the label with one of `values`;
 * `NotIn` matches when the label is absent or has none of them; `Exists` and
 * `DoesNotExist` look only at the key (their `values` is empty).
 */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** All requirements must hold (AND). The empty selector matches every object. */
export type LabelSelector = readonly SelectorRequirement[];

/**
 * The structured selector of a NodeGroup or a TaskBook target, as in
 * Kubernetes' LabelSelector: every `matchLabels` pair and every expression
 * must hold. An empty selector (`{}`) matches every node.
 */
export interface NodeSelector {
  /** label key → required value */
  matchLabels?: Record<string, string>;
  matchExpressions?: NodeSelectorRequirement[];
}

export interface NodeSelectorRequirement {
  /** label key */
  key: string;
  operator: SelectorOperator;
  /** non-empty for In and NotIn; must be absent or empty for Exists and DoesNotExist */
  values?: string[];
}

type Token =
  | { type: 'word'; text: string; pos: number }
  | { type: 'op'; text: '=' | '==' | '!=' | '!' | '(' | ')' | ','; pos: number }
  | { type: 'end'; pos: number };

function selectorError(text: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError([{ path: '', message: `invalid label selector '${text}': ${message}` }]);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '=' || c === '!') {
      const two = text.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        tokens.push({ type: 'op', text: two, pos: i });
        i += 2;
      } else {
        tokens.push({ type: 'op', text: c, pos: i });
        i++;
      }
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: 'op', text: c, pos: i });
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && !' \t=!(),'.includes(text[i])) i++;
    tokens.push({ type: 'word', text: text.slice(start, i), pos: start });
  }
  tokens.push({ type: 'end', pos: text.length });
  return tokens;
}

/**
 * Parses a selector string: `a=b`, `a==b`, `c!=d`, `e in (x,y)`,
 * `f notin (z)`, `g` (exists), `!h` (does not exist), joined by commas. The
 * empty string (or only spaces) is the empty selector, which matches
 * everything. Throws InvalidArgumentError naming the selector, the position
 * and what was expected; keys and values must follow the label rules.
 */
export function parseLabelSelector(text: string): LabelSelector {
  if (text.length > 4096) throw selectorError(text.slice(0, 64) + '...', 'longer than 4096 characters');
  const tokens = tokenize(text);
  const out: SelectorRequirement[] = [];
  let i = 0;
  const peek = (): Token => tokens[i];
  const where = (t: Token): string => (t.type === 'end' ? 'at the end' : `at position ${t.pos + 1}`);
  const describe = (t: Token): string => (t.type === 'end' ? 'end of input' : `'${t.text}'`);
  const key = (t: Token): string => {
    if (t.type !== 'word') throw selectorError(text, `expected a label key ${where(t)}, found ${describe(t)}`);
    const problem = labelKeyProblem(t.text);
    if (problem) throw selectorError(text, `key '${t.text}' ${problem}`);
    return t.text;
  };
  const value = (t: Token, k: string): string => {
    const problem = labelValueProblem(t.type === 'word' ? t.text : '');
    if (t.type !== 'word' || problem) {
      throw selectorError(text, t.type === 'word' ? `value '${t.text}' of '${k}' ${problem}` : `expected a value for '${k}' ${where(t)}, found ${describe(t)}`);
    }
    return t.text;
  };
  if (peek().type === 'end') return out;
  for (;;) {
    const t = peek();
    if (t.type === 'op' && t.text === '!') {
      i++;
      out.push({ key: key(tokens[i++]), operator: 'DoesNotExist', values: [] });
    } else {
      const k = key(tokens[i++]);
      const op = peek();
      if (op.type === 'op' && (op.text === '=' || op.text === '==' || op.text === '!=')) {
        i++;
        const next = peek();
        // `a=` selects the empty value, as in Kubernetes
        const v = next.type === 'word' ? value(tokens[i++], k) : '';
        out.push({ key: k, operator: op.text === '!=' ? 'NotIn' : 'In', values: [v] });
      } else if (op.type === 'word' && (op.text === 'in' || op.text === 'notin')) {
        i++;
        const open = tokens[i++];
        if (open.type !== 'op' || open.text !== '(') throw selectorError(text, `expected '(' after '${op.text}' ${where(open)}, found ${describe(open)}`);
        const values: string[] = [];
        for (;;) {
          const v = tokens[i];
          if (v.type === 'op' && v.text === ')' && values.length === 0) {
            throw selectorError(text, `'${op.text}' needs at least one value ${where(v)}`);
          }
          values.push(value(tokens[i++], k));
          const sep = tokens[i++];
          if (sep.type === 'op' && sep.text === ')') break;
          if (sep.type !== 'op' || sep.text !== ',') throw selectorError(text, `expected ',' or ')' ${where(sep)}, found ${describe(sep)}`);
        }
        out.push({ key: k, operator: op.text === 'in' ? 'In' : 'NotIn', values });
      } else {
        out.push({ key: k, operator: 'Exists', values: [] });
      }
    }
    const sep = tokens[i++];
    if (sep.type === 'end') return out;
    if (sep.type !== 'op' || sep.text !== ',') throw selectorError(text, `expected ',' ${where(sep)}, found ${describe(sep)}`);
    if (peek().type === 'end') throw selectorError(text, 'ends with a comma');
  }
}

/** The canonical string form of a selector; parseLabelSelector(formatLabelSelector(s)) equals s. */
export function formatLabelSelector(selector: LabelSelector): string {
  return selector
    .map((r) => {
      switch (r.operator) {
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
        case 'NotIn':
          return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${r.values.join(',')})`;
      }
      return '';
    })
    .join(',');
}

function has(labels: Readonly<Record<string, string>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** Whether one requirement holds for `labels`. */
export function matchesRequirement(r: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const present = has(labels, r.key);
  switch (r.operator) {
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'In':
      return present && r.values.includes(labels[r.key]);
    case 'NotIn':
      return !present || !r.values.includes(labels[r.key]);
  }
  return false;
}

/**
 * Whether every requirement holds for `labels` (undefined labels count as
 * none). `selector` may be a parsed selector or a selector string, which is
 * parsed first (and may throw InvalidArgumentError).
 */
export function matchLabels(selector: LabelSelector | string, labels: Readonly<Record<string, string>> | undefined): boolean {
  const sel = typeof selector === 'string' ? parseLabelSelector(selector) : selector;
  const l = labels ?? {};
  return sel.every((r) => matchesRequirement(r, l));
}

/** Alias of matchLabels, for callers that read better with it. */
export const matchesSelector = matchLabels;

/** The requirements a structured NodeSelector stands for (matchLabels first, in key order). */
export function nodeSelectorRequirements(selector: NodeSelector): LabelSelector {
  const out: SelectorRequirement[] = [];
  for (const key of Object.keys(selector.matchLabels ?? {}).sort()) {
    out.push({ key, operator: 'In', values: [selector.matchLabels![key]] });
  }
  for (const e of selector.matchExpressions ?? []) {
    out.push({ key: e.key, operator: e.operator, values: e.operator === 'In' || e.operator === 'NotIn' ? [...(e.values ?? [])] : [] });
  }
  return out;
}

/**
 * Whether a node with `labels` is selected by `selector`: a structured
 * NodeSelector or a selector string (TaskBook targets accept both).
 */
export function matchNodeSelector(selector: NodeSelector | string, labels: Readonly<Record<string, string>> | undefined): boolean {
  return matchLabels(typeof selector === 'string' ? parseLabelSelector(selector) : nodeSelectorRequirements(selector), labels);
}
