// Config: the one cluster-wide settings object, named `cluster`. It holds the
// fleet-wide defaults other kinds fall back on (run strategy, timeouts), event
// retention, gossip tuning and the node lease TTL. Every field is optional;
// `withDefaults` fills what is missing, and `defaultClusterConfig()` is what a
// cluster without a Config object runs with. Subsystems read their slice of
// the defaulted spec; flotillad's own per-daemon settings live in config/.

import { durationMs, duration, int, object, optional, type PercentOrInt } from '../schema.js';
import { strategySchema, type Strategy } from './common.js';

/** The only name a Config object may have. */
export const CLUSTER_CONFIG_NAME = 'cluster';

export interface RunDefaults {
  /** default rollout of a TaskBook that sets no strategy */
  strategy?: Strategy;
  /** default time limit of one attempt of one step on one node; default '10m' */
  stepTimeout?: string;
  /** default time limit of a whole run, all nodes and phases; default '6h' */
  runTimeout?: string;
}

export interface EventSettings {
  /** how long an Event is kept after its last occurrence; default '24h' */
  retention?: string;
}

/**
 * Gossip (SWIM with Lifeguard) tuning, the same on every member. The names
 * follow memberlist; the defaults (defaultClusterConfig) are faster than its
 * LAN profile so a dead server is known within about two seconds (README,
 * Gossip failure detection, says why each was chosen).
 */
export interface GossipSettings {
  /** time between probes of one member (round robin over a shuffled list) */
  probeInterval?: string;
  /** how long to wait for a direct ack before asking others; must be below probeInterval */
  probeTimeout?: string;
  /** Lifeguard: min suspicion timeout = mult × max(1, log10(n)) × probeInterval */
  suspicionMult?: number;
  /** Lifeguard: max suspicion timeout = maxTimeoutMult × the min; unconfirmed suspicions wait this long */
  suspicionMaxTimeoutMult?: number;
  /** members asked to probe indirectly after a missed ack */
  indirectChecks?: number;
  /** a broadcast is retransmitted mult × ceil(log10(n+1)) times */
  retransmitMult?: number;
  /** time between gossip packets carrying queued broadcasts */
  gossipInterval?: string;
  /** members each gossip packet goes to */
  gossipNodes?: number;
  /** time between full state syncs with one random member */
  pushPullInterval?: string;
  /** Lifeguard local health: probe interval and timeout grow up to this factor while our own acks go missing */
  awarenessMaxMultiplier?: number;
}

export interface NodeSettings {
  /** TTL of each daemon's store lease (presence, leadership); whole seconds; default '10s' */
  leaseTtl?: string;
}

export interface ConfigSpec {
  runs?: RunDefaults;
  events?: EventSettings;
  gossip?: GossipSettings;
  nodes?: NodeSettings;
}

/** The Config spec with every default filled in: what subsystems read. */
export interface ClusterConfig {
  runs: { strategy: { serial: PercentOrInt; maxFailPercentage: number }; stepTimeout: string; runTimeout: string };
  events: { retention: string };
  gossip: Required<GossipSettings>;
  nodes: Required<NodeSettings>;
}

/** Config has no status; the object is kept for symmetry with other kinds. */
export type ConfigStatus = Record<string, never>;

export const configSpecSchema = object<ConfigSpec>({
  runs: optional(
    object<RunDefaults>({
      strategy: optional(strategySchema),
      stepTimeout: optional(duration({ min: '1s' })),
      runTimeout: optional(duration({ min: '1s' })),
    }),
  ),
  events: optional(object<EventSettings>({ retention: optional(duration({ min: '1m', max: '3650d' })) })),
  gossip: optional(
    object<GossipSettings>(
      {
        probeInterval: optional(duration({ min: '10ms', max: '1m' })),
        probeTimeout: optional(duration({ min: '1ms', max: '1m' })),
        suspicionMult: optional(int({ min: 1, max: 100 })),
        suspicionMaxTimeoutMult: optional(int({ min: 1, max: 100 })),
        indirectChecks: optional(int({ min: 0, max: 32 })),
        retransmitMult: optional(int({ min: 1, max: 100 })),
        gossipInterval: optional(duration({ min: '1ms', max: '1m' })),
        gossipNodes: optional(int({ min: 1, max: 32 })),
        pushPullInterval: optional(duration({ min: '1s', max: '24h' })),
        awarenessMaxMultiplier: optional(int({ min: 1, max: 64 })),
      },
      {
        refine(g, { path, issues, clean }) {
          if (!clean) return;
          const d = defaultClusterConfig().gossip;
          if (durationMs(g.probeTimeout ?? d.probeTimeout) >= durationMs(g.probeInterval ?? d.probeInterval)) {
            issues.add([...path, 'probeTimeout'], 'must be shorter than probeInterval', { path: [...path, g.probeTimeout ? 'probeTimeout' : 'probeInterval'] });
          }
        },
      },
    ),
  ),
  nodes: optional(
    object<NodeSettings>(
      { leaseTtl: optional(duration({ min: '2s', max: '1h' })) },
      {
        refine(n, { path, issues, clean }) {
          if (clean && n.leaseTtl !== undefined && durationMs(n.leaseTtl) % 1000 !== 0) {
            issues.add([...path, 'leaseTtl'], 'must be a whole number of seconds');
          }
        },
      },
    ),
  ),
});

export const configStatusSchema = object<ConfigStatus>({});

/** The defaults a cluster runs with when its Config object is absent or leaves fields out. */
export function defaultClusterConfig(): ClusterConfig {
  return {
    runs: { strategy: { serial: '100%', maxFailPercentage: 0 }, stepTimeout: '10m', runTimeout: '6h' },
    events: { retention: '24h' },
    gossip: {
      probeInterval: '600ms',
      probeTimeout: '150ms',
      suspicionMult: 1,
      suspicionMaxTimeoutMult: 6,
      indirectChecks: 3,
      retransmitMult: 8,
      gossipInterval: '100ms',
      gossipNodes: 3,
      pushPullInterval: '30s',
      awarenessMaxMultiplier: 8,
    },
    nodes: { leaseTtl: '10s' },
  };
}

/** The fully defaulted cluster settings. `_cluster` is unused: Config is where defaults come from. */
export function withDefaults(spec: ConfigSpec, _cluster?: ClusterConfig): ClusterConfig {
  const d = defaultClusterConfig();
  return {
    runs: {
      strategy: {
        serial: spec.runs?.strategy?.serial ?? d.runs.strategy.serial,
        maxFailPercentage: spec.runs?.strategy?.maxFailPercentage ?? d.runs.strategy.maxFailPercentage,
      },
      stepTimeout: spec.runs?.stepTimeout ?? d.runs.stepTimeout,
      runTimeout: spec.runs?.runTimeout ?? d.runs.runTimeout,
    },
    events: { retention: spec.events?.retention ?? d.events.retention },
    gossip: { ...d.gossip, ...definedOnly(spec.gossip ?? {}) },
    nodes: { leaseTtl: spec.nodes?.leaseTtl ?? d.nodes.leaseTtl },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
