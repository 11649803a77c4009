// Node: one server running flotillad. The daemon registers it and keeps its
// status current (addresses, version, facts, gossip state, heartbeats);
// people only touch the spec (to cordon a node) and the labels NodeGroups
// select on. Gathering facts is the agent's job; this file only says what a
// valid Node looks like.

import {
  anyJson,
  array,
  bool,
  enumOf,
  int,
  object,
  optional,
  required,
  string,
  timestamp,
  type JsonValue,
  type Schema,
} from '../schema.js';
import type { ClusterConfig } from './config.js';

export interface NodeSpec {
  /** true: no new runs are assigned to this node (it still reports status); default false */
  unschedulable?: boolean;
}

export interface NodeAddress {
  /** what the address is for; by convention Hostname, InternalIP, ExternalIP, Gossip or API */
  type: string;
  /** a host name, an IP address, or host:port */
  address: string;
}

/**
 * What the agent learned about the machine. The named facts are the ones
 * templates and `when` conditions use most; any other key is kept as
 * free-form JSON (disks, interfaces, ...).
 */
export interface NodeFacts {
  /** kernel family, as os.platform(): linux, freebsd, ... */
  os?: string;
  /** distribution id from os-release: debian, ubuntu, fedora, alpine, ... */
  distribution?: string;
  /** distribution version from os-release, e.g. '12' */
  distributionVersion?: string;
  /** kernel release, e.g. 6.1.0-18-amd64 */
  kernel?: string;
  /** CPU architecture, as os.arch(): x64, arm64, ... */
  arch?: string;
  /** logical CPU count */
  cpus?: number;
  /** total memory, bytes */
  memoryBytes?: number;
  /** package manager the package module uses here: apt, dnf, apk, ... */
  packageManager?: string;
}

/** The named facts plus any others, as free-form JSON. */
export type Facts = NodeFacts & { [key: string]: JsonValue | undefined };

export type GossipState = 'alive' | 'suspect' | 'dead' | 'left';

export interface NodeGossip {
  /** what the failure detector currently thinks of the node */
  state: GossipState;
  /** when it entered that state (RFC 3339) */
  since: string;
  /** the member's incarnation number (SWIM) */
  incarnation?: number;
}

export interface NodeStatus {
  addresses?: NodeAddress[];
  /** flotillad version */
  version?: string;
  facts?: Facts;
  gossip?: NodeGossip;
  /** when this daemon process started (RFC 3339) */
  startedAt?: string;
  /** last time the daemon refreshed its status (RFC 3339) */
  heartbeatAt?: string;
}

export const nodeSpecSchema = object<NodeSpec>({ unschedulable: optional(bool()) });

const shortText = (max = 256) => string({ maxLength: max });

const factsSchema = object<NodeFacts>(
  {
    os: optional(shortText()),
    distribution: optional(shortText()),
    distributionVersion: optional(shortText()),
    kernel: optional(shortText()),
    arch: optional(shortText()),
    cpus: optional(int({ min: 0 })),
    memoryBytes: optional(int({ min: 0 })),
    packageManager: optional(shortText()),
  },
  { rest: anyJson({ maxDepth: 16 }) },
);

export const nodeStatusSchema = object<NodeStatus>({
  addresses: optional(
    array(
      object<NodeAddress>({
        type: required(string({ maxLength: 64, pattern: /^[A-Za-z][A-Za-z0-9]*$/, patternMessage: 'must be a word such as InternalIP' })),
        address: required(shortText(512)),
      }),
      { maxItems: 64 },
    ),
  ),
  version: optional(shortText(128)),
  facts: optional(factsSchema as unknown as Schema<Facts>),
  gossip: optional(
    object<NodeGossip>({
      state: required(enumOf(['alive', 'suspect', 'dead', 'left'] as const)),
      since: required(timestamp()),
      incarnation: optional(int({ min: 0 })),
    }),
  ),
  startedAt: optional(timestamp()),
  heartbeatAt: optional(timestamp()),
});

export interface DefaultedNodeSpec {
  unschedulable: boolean;
}

export function withDefaults(spec: NodeSpec, _cluster?: ClusterConfig): DefaultedNodeSpec {
  return { unschedulable: spec.unschedulable ?? false };
}
