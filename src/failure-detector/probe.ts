// SWIM probing (memberlist state.go probe/probeNode and the ping and
// ping-req handlers): a shuffled round-robin over the live members; ping,
// then after probeTimeout ping-req through `indirectChecks` other alive
// members, who ping the target and relay its ack or answer with a nack
// (Lifeguard); with no ack 1.5 × probeTimeout later (or by the end of the
// probe interval, when that is sooner) the caller suspects the target. A
// member reported suspect by another is probed next (expedite). Also answers
// pings and ping-reqs from others. All
// handling is synchronous; time only through the Clock.

import type { Clock, Timer } from '../lib/clock.js';
import type { Awareness } from './awareness.js';
import type { Member } from './members.js';
import { encodeMessage, type PingMessage, type PingReqMessage } from './messages.js';
import { indirectWindowMs, type GossipTuning } from './tuning.js';

/** what the prober needs from the detector */
export interface ProbeHost {
  readonly clock: Clock;
  readonly awareness: Awareness;
  random(): number;
  tuning(): GossipTuning;
  self(): Member;
  member(name: string): Member | undefined;
  /** members other than self that may be probed: alive or suspect */
  probeable(): Member[];
  /** alive members other than self and `except`, candidates for indirect probes */
  helpers(except: string): Member[];
  /** sends a packet with broadcasts piggybacked; `first` goes before them (buddy system) */
  send(address: string, message: Uint8Array, first?: Uint8Array): void;
  /** the buddy-system suspect message for a member we hold as suspect */
  suspectMessage(target: Member): Uint8Array;
  /** no ack from `target` by the end of the indirect window (or of the probe interval) */
  probeFailed(target: Member): void;
  /** a probe pass is done; the next starts on a fresh shuffle */
  roundDone(): void;
  readonly counters: ProbeCounters;
}

export interface ProbeCounters {
  probes: number;
  probeFailures: number;
  indirectProbes: number;
}

interface AckWaiter {
  onAck(): void;
  onNack(): void;
  readonly timers: Timer[];
}

export class Prober {
  readonly #host: ProbeHost;
  readonly #waiters = new Map<number, AckWaiter>();
  #order: string[] = [];
  #index = 0;
  #seq: number;

  constructor(host: ProbeHost) {
    this.#host = host;
    this.#seq = Math.floor(host.random() * 0xffff_ffff);
  }

  /** probes the next member of the round; does nothing when there is no one to probe */
  probeNext(): void {
    const target = this.#nextTarget();
    if (target !== undefined) this.#probe(target);
  }

  /** puts a newly seen member at a random place in the rest of this round (memberlist does the same) */
  add(name: string): void {
    const at = this.#index + Math.floor(this.#host.random() * (this.#order.length - this.#index + 1));
    this.#order.splice(at, 0, name);
  }

  /**
   * makes `name` the next member probed (once in this round). Called when
   * another member reports it suspect: our own probe either refutes the
   * suspicion for us (an ack) or becomes the independent confirmation that
   * Lifeguard's suspicion timeout waits for, and the ping carries the
   * suspicion to the accused (buddy system) so it can refute sooner.
   */
  expedite(name: string): void {
    const later = this.#order.indexOf(name, this.#index);
    if (later >= 0) this.#order.splice(later, 1);
    this.#order.splice(this.#index, 0, name);
  }

  onPing(m: PingMessage): boolean {
    const self = this.#host.self();
    // a ping meant for a previous owner of our address, or garbled
    if (m.target !== self.name) return false;
    this.#host.send(m.sourceAddress, encodeMessage({ type: 'ack', seq: m.seq }));
    return true;
  }

  /** pings the target for the requester and relays the ack, or a nack when asked and none came */
  onPingReq(m: PingReqMessage): void {
    const h = this.#host;
    const seq = this.#nextSeq();
    const waiter: AckWaiter = {
      onAck: () => {
        this.#finish(seq);
        h.send(m.sourceAddress, encodeMessage({ type: 'ack', seq: m.seq }));
      },
      onNack: () => undefined,
      timers: [],
    };
    waiter.timers.push(
      h.clock.setTimer(h.tuning().probeTimeoutMs, () => {
        this.#finish(seq);
        if (m.nack) h.send(m.sourceAddress, encodeMessage({ type: 'nack', seq: m.seq }));
      }),
    );
    this.#waiters.set(seq, waiter);
    const self = h.self();
    h.send(m.targetAddress, encodeMessage({ type: 'ping', seq, target: m.target, source: self.name, sourceAddress: self.address }));
  }

  onAck(seq: number): boolean {
    const w = this.#waiters.get(seq);
    w?.onAck();
    return w !== undefined;
  }

  onNack(seq: number): boolean {
    const w = this.#waiters.get(seq);
    w?.onNack();
    return w !== undefined;
  }

  /** cancels every pending probe and relay */
  cancelAll(): void {
    for (const w of this.#waiters.values()) for (const t of w.timers) t.cancel();
    this.#waiters.clear();
  }

  #probe(target: Member): void {
    const h = this.#host;
    const t = h.tuning();
    const seq = this.#nextSeq();
    let nacks = 0;
    let expectedNacks = 0;
    h.counters.probes++;
    const waiter: AckWaiter = {
      onAck: () => {
        this.#finish(seq);
        h.awareness.applyDelta(-1);
      },
      onNack: () => void nacks++,
      timers: [],
    };
    const timeoutMs = h.awareness.scaleTimeout(t.probeTimeoutMs);
    // the probe fails at the end of the indirect window, or of the probe interval when that is shorter
    const failAfterMs = Math.min(h.awareness.scaleTimeout(t.probeIntervalMs), timeoutMs + indirectWindowMs(t));
    waiter.timers.push(
      h.clock.setTimer(timeoutMs, () => {
        expectedNacks = this.#askIndirect(target, seq);
      }),
      h.clock.setTimer(failAfterMs, () => {
        this.#finish(seq);
        h.counters.probeFailures++;
        // Lifeguard: missing nacks mean we, not the target, may be the problem
        h.awareness.applyDelta(expectedNacks === 0 || nacks < expectedNacks ? 1 : 0);
        const now = h.member(target.name);
        if (now !== undefined && (now.state === 'alive' || now.state === 'suspect')) h.probeFailed(now);
      }),
    );
    this.#waiters.set(seq, waiter);
    const self = h.self();
    const ping = encodeMessage({ type: 'ping', seq, target: target.name, source: self.name, sourceAddress: self.address });
    // buddy system: a suspect learns of its suspicion from the ping itself
    h.send(target.address, ping, target.state === 'suspect' ? h.suspectMessage(target) : undefined);
  }

  /** sends ping-reqs; returns how many nacks to expect */
  #askIndirect(target: Member, seq: number): number {
    const h = this.#host;
    const helpers = pickRandom(h.helpers(target.name), h.tuning().indirectChecks, () => h.random());
    if (helpers.length === 0) return 0;
    h.counters.indirectProbes++;
    const self = h.self();
    const req = encodeMessage({ type: 'ping-req', seq, target: target.name, targetAddress: target.address, nack: true, source: self.name, sourceAddress: self.address });
    for (const helper of helpers) h.send(helper.address, req);
    return helpers.length;
  }

  #finish(seq: number): void {
    const w = this.#waiters.get(seq);
    if (w === undefined) return;
    for (const t of w.timers) t.cancel();
    this.#waiters.delete(seq);
  }

  #nextTarget(): Member | undefined {
    const h = this.#host;
    // each pass over the order either finds a target or reshuffles once
    for (let reshuffles = 0; reshuffles < 2; ) {
      if (this.#index >= this.#order.length) {
        h.roundDone();
        this.#order = shuffle(h.probeable().map((m) => m.name), () => h.random());
        this.#index = 0;
        reshuffles++;
        if (this.#order.length === 0) return undefined;
      }
      const name = this.#order[this.#index++];
      const m = h.member(name);
      if (m !== undefined && (m.state === 'alive' || m.state === 'suspect') && name !== h.self().name) return m;
    }
    return undefined;
  }

  #nextSeq(): number {
    this.#seq = (this.#seq + 1) >>> 0;
    return this.#seq;
  }
}

/** Fisher–Yates with the injected random source */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** up to k distinct random items */
export function pickRandom<T>(items: readonly T[], k: number, random: () => number): T[] {
  if (items.length <= k) return shuffle([...items], random);
  return shuffle([...items], random).slice(0, k);
}
