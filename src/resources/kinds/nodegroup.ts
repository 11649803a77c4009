// NodeGroup: a named set of nodes, chosen by labels (matchLabels /
// matchExpressions), by name, or both (their union). TaskBooks, Beacons and
// variable scopes refer to NodeGroups by name. The controller keeps
// status.nodes current; matching itself is labels.ts.

import type { NodeSelector } from '../labels.js';
import { array, dnsLabel, int, object, optional, required } from '../schema.js';
import { nameList, nodeSelectorSchema } from './common.js';
import type { ClusterConfig } from './config.js';

export interface NodeGroupSpec {
  /** nodes whose labels match; `{}` matches every node */
  selector?: NodeSelector;
  /** nodes by name (they need not exist yet); with a selector too, the group is the union */
  nodes?: string[];
}

export interface NodeGroupStatus {
  /** names of the nodes selected now, sorted */
  nodes: string[];
  /** number of nodes selected now */
  count: number;
}

export const nodeGroupSpecSchema = object<NodeGroupSpec>(
  {
    selector: optional(nodeSelectorSchema),
    nodes: optional(nameList('node name')),
  },
  { atLeastOne: [['selector', 'nodes']] },
);

export const nodeGroupStatusSchema = object<NodeGroupStatus>({
  nodes: required(array(dnsLabel('node name'), { unique: true })),
  count: required(int({ min: 0 })),
});

export interface DefaultedNodeGroupSpec {
  /** undefined when the group is a plain list of names */
  selector?: NodeSelector;
  nodes: string[];
}

export function withDefaults(spec: NodeGroupSpec, _cluster?: ClusterConfig): DefaultedNodeGroupSpec {
  return {
    ...(spec.selector ? { selector: { matchLabels: spec.selector.matchLabels ?? {}, matchExpressions: spec.selector.matchExpressions ?? [] } } : {}),
    nodes: spec.nodes ?? [],
  };
}
