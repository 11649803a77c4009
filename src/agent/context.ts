// The template context of a phase on this node: `vars` (ClusterVariables
// bound to the run's namespace < Variables < NodeGroup-scoped < node-scoped <
// TaskBook vars < run --set, resolved by templates/), `facts` of this node,
// `node` (name, labels, addresses) and `cluster.nodes` (the live nodes with
// their addresses and labels: a session in the store, and not dead or left in
// this node's gossip view). Variables are read from the store, not the
// cache, once per phase, so a value another node exported in an earlier
// phase is always seen. In check mode, variables a runOnce step would export
// get a placeholder until they exist (exportPlaceholders).

import type { Logger } from '../log.js';
import type { NodeAddress, NodeGroupSpec, ResourceObject } from '../resources/index.js';
import { nodeGroupMembers, type MembershipView, type RunPlan } from '../runs/index.js';
import type { ObjectServer } from '../server/index.js';
import { PRESENCE_PREFIX, type Store } from '../store/index.js';
import { boundClusterVariables, resolveVariables, templateContext, type TemplateEngine } from '../templates/index.js';

export interface ContextSource {
  forPhase(plan: RunPlan, opts: { signal: AbortSignal }): Promise<Record<string, unknown>>;
}

export interface NodeContextDeps {
  readonly objects: ObjectServer;
  readonly store: Store;
  readonly engine: TemplateEngine;
  readonly log: Logger;
  readonly node: string;
  /** this node's facts as last gathered */
  readonly facts: () => Readonly<Record<string, unknown>> | undefined;
  /** this node's failure detector: nodes it holds dead or left are not listed */
  readonly membership?: MembershipView;
}

/**
 * Check mode runs no runOnce step, so nothing is exported: later steps that
 * read an exported variable that does not exist yet see a placeholder that
 * says where the value will come from, instead of failing the strict check.
 * A value exported by an earlier run still wins.
 */
function exportPlaceholders(plan: RunPlan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const phase of plan.phases) {
    for (const ps of phase.steps) {
      const v = ps.step.export?.variable;
      if (v !== undefined) out[v] = `(exported by step '${ps.step.name}' in a run that is not a check)`;
    }
  }
  return out;
}

/** nodes with a session in the store that this node's gossip does not hold dead or left */
export async function liveNodeNames(store: Store, membership: MembershipView | undefined): Promise<Set<string>> {
  return liveFrom((await store.list(PRESENCE_PREFIX)).items, membership);
}

function liveFrom(presence: readonly { key: string }[], membership: MembershipView | undefined): Set<string> {
  const down = membership?.down() ?? new Set<string>();
  return new Set(presence.map((kv) => kv.key.slice(PRESENCE_PREFIX.length)).filter((n) => !down.has(n)));
}

const addressesOf = (n: ResourceObject | undefined): NodeAddress[] => ((n?.status as { addresses?: NodeAddress[] } | undefined)?.addresses ?? []);

export class NodeContextSource implements ContextSource {
  constructor(private readonly deps: NodeContextDeps) {}

  async forPhase(plan: RunPlan): Promise<Record<string, unknown>> {
    const { objects } = this.deps;
    const ns = plan.namespace;
    const [nodes, groups, variables, clusterVariables, bindings, presence] = await Promise.all([
      objects.list('Node'),
      objects.list('NodeGroup'),
      objects.list('Variable', { namespace: ns, fresh: true }),
      objects.list('ClusterVariable', { fresh: true }),
      objects.list('ClusterVariableBinding'),
      this.deps.store.list(PRESENCE_PREFIX),
    ]);
    const me = nodes.items.find((n) => n.metadata.name === this.deps.node);
    const labels = me?.metadata.labels ?? {};
    const targetNodes = nodes.items.map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {} }));
    const myGroups = new Set(groups.items.filter((g) => nodeGroupMembers(g.spec as NodeGroupSpec, targetNodes).includes(this.deps.node)).map((g) => g.metadata.name));
    const facts = this.deps.facts() ?? {};
    const node = { name: this.deps.node, labels, addresses: addressesOf(me) };
    const resolved = resolveVariables({
      engine: this.deps.engine,
      namespace: ns,
      clusterVariables: boundClusterVariables(clusterVariables.items as never[], bindings.items as never[], ns),
      variables: variables.items as never[],
      node,
      nodeGroups: [...myGroups],
      taskBookVars: plan.vars,
      ...(plan.taskBook ? { taskBook: plan.taskBook } : {}),
      set: plan.set,
      run: plan.run,
      facts,
    });
    if (resolved.conflicts.length > 0 || resolved.warnings.length > 0) {
      this.deps.log.warn({ run: `${ns}/${plan.run}`, conflicts: resolved.conflicts, warnings: resolved.warnings }, 'variable conflicts');
    }
    const live = liveFrom(presence.items, this.deps.membership);
    return templateContext({
      vars: plan.check ? { ...exportPlaceholders(plan), ...resolved.vars } : resolved.vars,
      facts,
      node,
      clusterNodes: nodes.items.filter((n) => live.has(n.metadata.name)).map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {}, addresses: addressesOf(n) })),
      unresolved: resolved.unresolved,
    });
  }
}
