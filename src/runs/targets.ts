// Which nodes a TaskBook targets, from its `targets` and the registered
// Nodes and NodeGroups, as a pure function. Names are returned sorted, which
// is the rollout order of batches.

import { NotFoundError } from '../errors.js';
import { matchLabels, matchNodeSelector, type NodeGroupSpec, type NodeSelector } from '../resources/index.js';

export interface TargetNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface Targets {
  readonly nodeGroup?: string;
  readonly selector?: NodeSelector | string;
  readonly nodes?: readonly string[];
}

/** nodes a NodeGroup selects now: its selector over registered nodes, plus its named nodes */
export function nodeGroupMembers(group: NodeGroupSpec, nodes: readonly TargetNode[]): string[] {
  const out = new Set<string>(group.nodes ?? []);
  if (group.selector) for (const n of nodes) if (matchNodeSelector(group.selector, n.labels)) out.add(n.name);
  return [...out].sort();
}

/**
 * Resolves targets to node names. Named nodes need not be registered (they
 * are then unreachable when the run starts); a missing NodeGroup is an error.
 */
export function resolveTargets(targets: Targets, nodes: readonly TargetNode[], groups: ReadonlyMap<string, NodeGroupSpec>): string[] {
  if (targets.nodes) return [...new Set(targets.nodes)].sort();
  if (targets.nodeGroup !== undefined) {
    const g = groups.get(targets.nodeGroup);
    if (!g) throw new NotFoundError(`spec.targets.nodeGroup: NodeGroup '${targets.nodeGroup}'`);
    return nodeGroupMembers(g, nodes);
  }
  if (targets.selector !== undefined) {
    const sel = targets.selector;
    return nodes.filter((n) => (typeof sel === 'string' ? matchLabels(sel, n.labels) : matchNodeSelector(sel, n.labels))).map((n) => n.name).sort();
  }
  return [];
}
