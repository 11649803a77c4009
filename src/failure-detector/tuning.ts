// The failure detector's tuning knobs (milliseconds and plain numbers) and the
// timeouts and limits derived from them, following HashiCorp memberlist
// (util.go: suspicionTimeout, retransmitLimit, pushPullScale) with the one
// Lifeguard choice memberlist makes differently explained at
// suspicionConfirmations.

export interface GossipTuning {
  /** time between probes of one member (scaled by the awareness score) */
  readonly probeIntervalMs: number;
  /** wait for a direct ack before asking others (scaled by the awareness score) */
  readonly probeTimeoutMs: number;
  /** min suspicion timeout = suspicionMult × max(1, log10(n)) × probeInterval */
  readonly suspicionMult: number;
  /** max suspicion timeout = suspicionMaxTimeoutMult × the min */
  readonly suspicionMaxTimeoutMult: number;
  /** members asked to probe indirectly after a missed ack */
  readonly indirectChecks: number;
  /** a broadcast is sent retransmitMult × ceil(log10(n + 1)) times */
  readonly retransmitMult: number;
  /** time between gossip packets */
  readonly gossipIntervalMs: number;
  /** members each gossip round sends to */
  readonly gossipNodes: number;
  /** time between full state syncs with one random member */
  readonly pushPullIntervalMs: number;
  /** probe interval and timeout grow up to this factor while our own acks go missing */
  readonly awarenessMaxMultiplier: number;
}

/**
 * Lifeguard's expected independent confirmations of a suspicion (K).
 * memberlist uses suspicionMult − 2 and switches confirmations off (K = 0,
 * every suspicion waits only the min timeout) below four members. We decouple
 * K from suspicionMult and use min(2, n − 2): at three members the one other
 * survivor's own failed probe is the single confirmation that brings the
 * timeout down to the min, so a real failure is fast, while a lone false
 * suspicion (one lossy link) waits the max timeout, which gives the accused
 * plenty of time to refute. Two confirmations keep larger fleets fast too:
 * with many probers, two more independent suspicions arrive within about one
 * probe interval of the first.
 */
export const MAX_SUSPICION_CONFIRMATIONS = 2;

export function suspicionConfirmations(n: number): number {
  return Math.max(0, Math.min(MAX_SUSPICION_CONFIRMATIONS, n - 2));
}

/** memberlist suspicionTimeout: the min and max suspicion timeouts for a fleet of n live members */
export function suspicionTimeoutsMs(t: GossipTuning, n: number): { minMs: number; maxMs: number } {
  const nodeScale = Math.max(1, Math.log10(Math.max(1, n)));
  const minMs = Math.round(t.suspicionMult * nodeScale * t.probeIntervalMs);
  return { minMs, maxMs: Math.max(minMs, t.suspicionMaxTimeoutMult * minMs) };
}

/**
 * How long a prober waits for indirect acks (or nacks) after its direct
 * probe timed out: a helper pings the target and waits probeTimeout itself,
 * plus half as much again for the round trips to and from the helper.
 * memberlist waits for the end of the probe interval instead; this keeps
 * the probe interval (idle cost) and the time to a failed probe (detection
 * speed) apart.
 */
export function indirectWindowMs(t: GossipTuning): number {
  return Math.round(1.5 * t.probeTimeoutMs);
}

/** memberlist retransmitLimit: how many times one broadcast is sent */
export function retransmitLimit(t: GossipTuning, n: number): number {
  return t.retransmitMult * Math.ceil(Math.log10(n + 1));
}

/** memberlist pushPullScale: push-pull slows down above 32 members so its bandwidth stays flat */
export function pushPullIntervalMs(t: GossipTuning, n: number): number {
  const threshold = 32;
  if (n <= threshold) return t.pushPullIntervalMs;
  const mult = Math.ceil(Math.log2(n) - Math.log2(threshold)) + 1;
  return t.pushPullIntervalMs * mult;
}

/** how long gossip still goes to a member after it was declared dead (memberlist GossipToTheDeadTime) */
export function gossipToTheDeadMs(t: GossipTuning): number {
  return Math.max(30 * t.probeIntervalMs, 10_000);
}

/**
 * How long a dead or left member stays in the table (what members() and
 * events show) before it is forgotten; three push-pull intervals give every
 * member a few chances to pass the news on. Reaching a dead member's side of
 * a partition again does not depend on it: see reconnectIntervalMs.
 */
export function forgetAfterMs(t: GossipTuning): number {
  return Math.max(30_000, 3 * t.pushPullIntervalMs);
}

/**
 * How long the address of a member declared dead (not one that left) is
 * still tried, long after the table forgot it: Serf's ReconnectTimeout
 * default, 24 h. A partition or an outage of a rack is over well within a
 * day; after that, a member comes back only through a join (a restarted
 * daemon, or one left alone, asks its seeds: gossip.ts). Not derived from the
 * probe tuning: it is about how long outages last, not how fast we detect
 * them.
 */
export const RECONNECT_TIMEOUT_MS = 24 * 60 * 60_000;

/**
 * The most dead members whose addresses are kept for reconnecting (Serf keeps
 * them all): bounds memory when a large fleet churns. Beyond it the oldest
 * deaths, the least likely to come back, are dropped first; a thousand
 * distinct deaths within a day is far more than a healthy fleet sees.
 */
export const MAX_RECONNECT_MEMBERS = 1_000;

/**
 * Time between reconnect rounds, in which each member, with probability
 * failed / live (Serf reconnect), push-pulls with one random dead member's
 * address; the cluster as a whole then tries each dead member about once per
 * round, whatever its size, and the smaller side of a partition (where
 * failed ≥ live) tries every round, so a healed partition merges within about
 * one round. A reconnect is a push-pull, so it runs at the push-pull interval
 * (30 s by default, Serf's ReconnectInterval too), not scaled up with n like
 * push-pull itself: the probability already keeps the cluster-wide rate flat.
 */
export function reconnectIntervalMs(t: GossipTuning): number {
  return t.pushPullIntervalMs;
}

/** the timeout for one push-pull stream */
export function streamTimeoutMs(t: GossipTuning): number {
  return Math.max(2_000, Math.min(10_000, 10 * t.probeIntervalMs));
}

/** throws a RangeError naming the first knob that is not usable */
export function checkTuning(t: GossipTuning): void {
  const positive: (keyof GossipTuning)[] = ['probeIntervalMs', 'probeTimeoutMs', 'suspicionMult', 'suspicionMaxTimeoutMult', 'retransmitMult', 'gossipIntervalMs', 'gossipNodes', 'pushPullIntervalMs', 'awarenessMaxMultiplier'];
  for (const k of positive) {
    if (!Number.isFinite(t[k]) || t[k] <= 0) throw new RangeError(`gossip tuning ${k}: ${t[k]} is not a positive number`);
  }
  if (!Number.isInteger(t.indirectChecks) || t.indirectChecks < 0) throw new RangeError(`gossip tuning indirectChecks: ${t.indirectChecks} is not a non-negative integer`);
}
