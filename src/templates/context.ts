// The template context: the one object every template of a step renders
// against. Its roots are fixed (RESERVED_TEMPLATE_NAMES): `vars` (merged by
// precedence, see variables.ts), `facts` (the node's), `node` (name, labels,
// addresses), `cluster.nodes` (alive nodes: name, labels, addresses),
// `secrets` (SecretValues by Secret name, see secret-value.ts), `item` and
// `index` inside a loop, plus one root per registered step result. The agent
// builds it; this file only assembles and checks it.

import { InvalidArgumentError } from '../errors.js';
import { RESERVED_TEMPLATE_NAMES, type NodeAddress } from '../resources/index.js';
import type { SecretValue } from './secret-value.js';

/**
 * Where a context keeps why some `vars` keys are absent (key → reason, from
 * resolveVariables' `unresolved`), so a strict-mode error can say why. A
 * symbol: templates cannot reach it, JSON and Object.keys skip it, object
 * spread keeps it.
 */
export const UNRESOLVED_VARS: unique symbol = Symbol('flotilla.unresolvedVars');

/** A node as templates see it (`node`, and each of `cluster.nodes`). */
export interface TemplateNode {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly addresses?: readonly NodeAddress[];
}

/** Secrets by Secret name: a provider Secret is one value, a data Secret one value per key. */
export type TemplateSecrets = Readonly<Record<string, SecretValue | Readonly<Record<string, SecretValue>>>>;

export interface TemplateContextInput {
  readonly vars: Readonly<Record<string, unknown>>;
  readonly facts?: Readonly<Record<string, unknown>>;
  readonly node: TemplateNode;
  /** the alive nodes of the cluster (the assembled peer list) */
  readonly clusterNodes?: readonly TemplateNode[];
  /** the current loop item; `item` and `index` exist only inside a loop */
  readonly item?: unknown;
  readonly index?: number;
  /** results kept by `register`, by name; a name may not be a reserved root */
  readonly registered?: Readonly<Record<string, unknown>>;
  readonly secrets?: TemplateSecrets;
  /** why some vars are absent (resolveVariables' `unresolved`), for error messages */
  readonly unresolved?: Readonly<Record<string, string>>;
}

export type TemplateContext = Record<string, unknown> & { [UNRESOLVED_VARS]?: Readonly<Record<string, string>> };

function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A node as templates see it: name, labels and addresses, copied. */
export function templateNode(n: TemplateNode): Record<string, unknown> {
  return { name: n.name, labels: { ...(n.labels ?? {}) }, addresses: (n.addresses ?? []).map((a) => ({ type: a.type, address: a.address })) };
}

/**
 * Builds the context object. Throws InvalidArgumentError when a registered
 * name is one of the reserved roots (vars, facts, node, cluster, item,
 * index, secrets). Values are not copied deeply: treat them as read-only.
 */
export function templateContext(input: TemplateContextInput): TemplateContext {
  const ctx: TemplateContext = {
    vars: input.vars,
    facts: input.facts ?? {},
    node: templateNode(input.node),
    cluster: { nodes: (input.clusterNodes ?? []).map(templateNode) },
    secrets: input.secrets ?? {},
  };
  if (input.item !== undefined || input.index !== undefined) {
    ctx.item = input.item;
    ctx.index = input.index;
  }
  const reserved: readonly string[] = RESERVED_TEMPLATE_NAMES;
  for (const [name, value] of Object.entries(input.registered ?? {})) {
    if (reserved.includes(name)) {
      throw new InvalidArgumentError([{ path: 'register', message: `'${name}' is reserved for templates (${RESERVED_TEMPLATE_NAMES.join(', ')})` }]);
    }
    setOwn(ctx, name, value);
  }
  if (input.unresolved && Object.keys(input.unresolved).length > 0) ctx[UNRESOLVED_VARS] = input.unresolved;
  return ctx;
}
