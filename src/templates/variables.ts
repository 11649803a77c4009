// Variable precedence: the `vars` one node sees in one run, merged from
// ClusterVariables, Variables, the TaskBook's vars and the run's `set`. Pure:
// the caller (the agent) lists the objects from the store and passes them
// in; this file reads nothing itself.
//
// Levels, lowest first; a higher level replaces a key's whole value (no deep
// merge of objects):
//   1. ClusterVariable, scope all        4. Variable, scope all
//   2. ClusterVariable, scope nodeGroup  5. Variable, scope nodeGroup
//   3. ClusterVariable, scope node       6. Variable, scope node
//   7. the TaskBook's `vars`             8. the run's `set`
// (DESIGN's "ClusterVariable < Variable < NodeGroup-scoped < node-scoped <
// TaskBook < run set", with ClusterVariables, which may be scoped too,
// ordered by scope among themselves.) A variable scoped to a NodeGroup that
// does not select the node, or to another node, is ignored. Within one
// level the variables are taken in order of metadata.name and, for the same
// key (`spec.key`, default metadata.name), the one whose name sorts last
// wins — like files in a conf.d directory; each such conflict is reported.
//
// Values: `value` as given. `valueFrom.command`: status.value, computed
// elsewhere; when there is none the variable is absent at its level (a lower
// level's value, if any, stays) and `unresolved` says why, which the engine
// appends to the strict-mode error of a template that uses it.
// `valueFrom.template`: rendered with the engine (evaluate(): a single
// `{{expression}}` keeps its type) against
//   vars  = everything merged from the LOWER levels, overlaid with the other
//           variables of the SAME level (template ones resolved on demand,
//           in dependency order);
//   facts = the node's facts;  node = { name, labels, addresses }.
// A template cannot see higher levels (TaskBook vars, run set), so a
// Variable means the same thing in every TaskBook. Referring to itself, or a
// chain of same-level templates that comes back to itself, is a cycle: an
// InvalidArgumentError (VariableCycleError) naming the variables. Any other
// failure (a missing variable, a helper error) makes the variable absent at
// its level, with the reason in `unresolved` (or `warnings` when a lower
// level still provides the key). TaskBook vars and `set` values are data:
// they are not rendered.

import { InvalidArgumentError } from '../errors.js';
import { bindsNamespace, type ClusterVariableBindingSpec, type VariableSpec, type VariableStatus } from '../resources/index.js';
import { UNRESOLVED_VARS, templateNode, type TemplateNode } from './context.js';
import type { RenderOptions } from './engine.js';

/** A Variable or ClusterVariable as stored (spec may or may not be defaulted). */
export interface VariableObject {
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec: VariableSpec;
  readonly status?: VariableStatus;
}

export interface ClusterVariableBindingObject {
  readonly metadata: { readonly name: string };
  readonly spec: ClusterVariableBindingSpec;
}

/** The one engine method variable templates need. */
export interface VariableTemplateEngine {
  evaluate(source: string, context: object, opts: RenderOptions): unknown;
}

export interface ResolveVariablesInput {
  readonly engine: VariableTemplateEngine;
  /** the run's namespace (for sources of Variables that carry none) */
  readonly namespace: string;
  /** the ClusterVariables bound to the namespace (boundClusterVariables) */
  readonly clusterVariables?: readonly VariableObject[];
  /** the namespace's Variables */
  readonly variables?: readonly VariableObject[];
  readonly node: TemplateNode;
  /** names of the NodeGroups that select this node now */
  readonly nodeGroups?: readonly string[];
  readonly facts?: Readonly<Record<string, unknown>>;
  readonly taskBookVars?: Readonly<Record<string, unknown>>;
  /** the TaskBook's name, for sources */
  readonly taskBook?: string;
  /** the run's `--set` values */
  readonly set?: Readonly<Record<string, unknown>>;
  /** the Run's name, for sources */
  readonly run?: string;
}

/** Two variables of one level with the same key: `used` won (its name sorts last). */
export interface VariableConflict {
  readonly key: string;
  readonly used: string;
  readonly ignored: readonly string[];
}

export interface ResolvedVariables {
  /** key → value; treat values as read-only (they are shared with the input) */
  readonly vars: Record<string, unknown>;
  /** key → where the value came from, e.g. `Variable default/log-level (nodeGroup web)` */
  readonly sources: Record<string, string>;
  /** keys that are absent because no level could give a value → why */
  readonly unresolved: Record<string, string>;
  readonly conflicts: readonly VariableConflict[];
  /** values that could not be computed although a lower level still gave the key */
  readonly warnings: readonly string[];
}

/** Variable templates that refer to each other in a cycle (or one that refers to itself). */
export class VariableCycleError extends InvalidArgumentError {
  constructor(readonly cycle: readonly string[]) {
    super([{ path: '', message: cycle.length === 2 ? `${cycle[0]} refers to itself in valueFrom.template` : `variable templates refer to each other in a cycle: ${cycle.join(' -> ')}` }]);
  }
}

/** The ClusterVariables some binding makes visible in `namespace`, by name. */
export function boundClusterVariables<T extends VariableObject>(clusterVariables: readonly T[], bindings: readonly ClusterVariableBindingObject[], namespace: string): T[] {
  const names = new Set<string>();
  for (const b of bindings) if (bindsNamespace(b.spec, namespace)) for (const n of b.spec.clusterVariables) names.add(n);
  return clusterVariables.filter((cv) => names.has(cv.metadata.name)).sort((a, b) => compareNames(a.metadata.name, b.metadata.name));
}

type Scope = 'all' | 'nodeGroup' | 'node';

interface Level {
  readonly kind: 'ClusterVariable' | 'Variable';
  readonly scope: Scope;
}

const LEVELS: readonly Level[] = [
  { kind: 'ClusterVariable', scope: 'all' },
  { kind: 'ClusterVariable', scope: 'nodeGroup' },
  { kind: 'ClusterVariable', scope: 'node' },
  { kind: 'Variable', scope: 'all' },
  { kind: 'Variable', scope: 'nodeGroup' },
  { kind: 'Variable', scope: 'node' },
];

interface Entry {
  readonly key: string;
  readonly source: string;
  readonly template?: string;
  state: 'pending' | 'resolving' | 'done';
  ok: boolean;
  value?: unknown;
  reason?: string;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function scopeOf(spec: VariableSpec): Scope {
  if (spec.scope?.node !== undefined) return 'node';
  if (spec.scope?.nodeGroup !== undefined) return 'nodeGroup';
  return 'all';
}

function sourceOf(kind: Level['kind'], obj: VariableObject, namespace: string): string {
  const name = kind === 'ClusterVariable' ? obj.metadata.name : `${obj.metadata.namespace ?? namespace}/${obj.metadata.name}`;
  const s = obj.spec.scope;
  const suffix = s?.node !== undefined ? ` (node ${s.node})` : s?.nodeGroup !== undefined ? ` (nodeGroup ${s.nodeGroup})` : '';
  return `${kind} ${name}${suffix}`;
}

function entryOf(kind: Level['kind'], obj: VariableObject, namespace: string): Entry {
  const spec = obj.spec;
  const key = spec.key ?? obj.metadata.name;
  const source = sourceOf(kind, obj, namespace);
  if (spec.value !== undefined) return { key, source, state: 'done', ok: true, value: spec.value };
  if (spec.valueFrom?.template !== undefined) return { key, source, template: spec.valueFrom.template, state: 'pending', ok: false };
  if (spec.valueFrom?.command !== undefined) {
    if (obj.status?.value !== undefined) return { key, source, state: 'done', ok: true, value: obj.status.value };
    const reason = obj.status?.error !== undefined ? `its command failed: ${obj.status.error}` : 'its command has not produced a value yet';
    return { key, source, state: 'done', ok: false, reason };
  }
  return { key, source, state: 'done', ok: false, reason: 'it has neither value nor valueFrom' };
}

/**
 * Merges the variables one node sees, by the precedence in the file
 * comment. Throws VariableCycleError for template variables that refer to
 * each other in a cycle; every other problem is reported in the result.
 */
export function resolveVariables(input: ResolveVariablesInput): ResolvedVariables {
  const nodeGroups = new Set(input.nodeGroups ?? []);
  const applies = (spec: VariableSpec): boolean => {
    if (spec.scope?.node !== undefined) return spec.scope.node === input.node.name;
    if (spec.scope?.nodeGroup !== undefined) return nodeGroups.has(spec.scope.nodeGroup);
    return true;
  };
  const facts = input.facts ?? {};
  const node = templateNode(input.node);
  const merged = new Map<string, { value: unknown; source: string }>();
  const unresolved = new Map<string, string>();
  const conflicts: VariableConflict[] = [];
  const warnings: string[] = [];
  const stack: Entry[] = [];

  for (const level of LEVELS) {
    const objects = (level.kind === 'ClusterVariable' ? input.clusterVariables : input.variables) ?? [];
    const chosen = objects
      .filter((o) => scopeOf(o.spec) === level.scope && applies(o.spec))
      .sort((a, b) => compareNames(a.metadata.name, b.metadata.name));
    if (chosen.length === 0) continue;

    const winners = new Map<string, Entry>();
    const losers = new Map<string, string[]>();
    for (const o of chosen) {
      const e = entryOf(level.kind, o, input.namespace);
      const prev = winners.get(e.key);
      if (prev) losers.set(e.key, [...(losers.get(e.key) ?? []), prev.source]);
      winners.set(e.key, e);
    }
    for (const [key, ignored] of losers) conflicts.push({ key, used: winners.get(key)!.source, ignored });

    const view: Record<string, unknown> = {};
    for (const [k, v] of merged) setOwn(view, k, v.value);
    const hints: Record<string, string> = {};
    for (const [k, why] of unresolved) setOwn(hints, k, why);
    for (const [k, e] of winners) if (e.state === 'done' && !e.ok && !merged.has(k)) setOwn(hints, k, `${e.source}: ${e.reason}`);
    const context = { vars: view, facts, node, [UNRESOLVED_VARS]: hints };
    const resolve = (e: Entry): unknown => {
      if (e.state === 'resolving') {
        const from = stack.indexOf(e);
        throw new VariableCycleError([...stack.slice(from), e].map((x) => `vars.${x.key} (${x.source})`));
      }
      if (e.state === 'pending') {
        e.state = 'resolving';
        stack.push(e);
        try {
          e.value = input.engine.evaluate(e.template!, context, { name: 'valueFrom.template' });
          e.ok = e.value !== undefined;
          if (!e.ok) e.reason = 'its template gives no value';
        } catch (err) {
          if (err instanceof VariableCycleError) throw err;
          e.ok = false;
          e.reason = err instanceof Error ? err.message : String(err);
          if (!merged.has(e.key)) setOwn(hints, e.key, `${e.source}: ${e.reason}`);
        } finally {
          stack.pop();
          e.state = 'done';
        }
      }
      return e.ok ? e.value : merged.get(e.key)?.value;
    };
    for (const [k, e] of winners) {
      if (e.template !== undefined) Object.defineProperty(view, k, { get: () => resolve(e), enumerable: true, configurable: true });
      else if (e.ok) setOwn(view, k, e.value);
    }
    for (const e of winners.values()) resolve(e);

    for (const [k, e] of winners) {
      if (e.ok) {
        merged.set(k, { value: e.value, source: e.source });
        unresolved.delete(k);
      } else if (merged.has(k)) {
        warnings.push(`vars.${k}: ${e.source}: ${e.reason}; using the value from ${merged.get(k)!.source}`);
      } else {
        unresolved.set(k, `${e.source}: ${e.reason}`);
      }
    }
  }

  const overlay = (values: Readonly<Record<string, unknown>> | undefined, source: string): void => {
    for (const [k, v] of Object.entries(values ?? {})) {
      if (v === undefined) continue;
      merged.set(k, { value: v, source });
      unresolved.delete(k);
    }
  };
  overlay(input.taskBookVars, input.taskBook !== undefined ? `TaskBook ${input.namespace}/${input.taskBook} vars` : 'TaskBook vars');
  overlay(input.set, input.run !== undefined ? `Run ${input.namespace}/${input.run} set` : 'run set');

  const vars: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const k of [...merged.keys()].sort(compareNames)) {
    const m = merged.get(k)!;
    setOwn(vars, k, m.value);
    setOwn(sources, k, m.source);
  }
  const absent: Record<string, string> = {};
  for (const [k, why] of unresolved) setOwn(absent, k, why);
  return { vars, sources, unresolved: absent, conflicts, warnings };
}
