// The member table: who we know, at which incarnation, in which state, and
// memberlist's rules (state.go aliveNode / suspectNode / deadNode) for
// applying alive, suspect and dead messages to it. Plain methods, no sockets
// or timers: each apply returns what the caller (detector.ts) must do next,
// i.e. re-broadcast, start or stop a suspicion timer, emit an event, refute.

export type MemberState = 'alive' | 'suspect' | 'dead' | 'left';

export interface Member {
  readonly name: string;
  readonly address: string;
  readonly incarnation: number;
  readonly state: MemberState;
  /** clock.now() when this member observed the current state */
  readonly since: number;
}

export interface MemberEvent {
  readonly member: Member;
  /** undefined: first seen */
  readonly previous: MemberState | undefined;
}

export type ApplyResult =
  /** stale or redundant: nothing to do */
  | { readonly kind: 'ignored' }
  /** a claim about ourselves we must refute with an incarnation above `incarnation` */
  | { readonly kind: 'refute'; readonly incarnation: number }
  /** an outdated suspect or dead message about ourselves: someone missed our refutation, repeat it */
  | { readonly kind: 'reassert' }
  /** a suspect message about a member already suspect: count it as a confirmation */
  | { readonly kind: 'confirm' }
  /** the table changed: re-broadcast; `previous` differs from member.state unless only the incarnation moved */
  | { readonly kind: 'changed'; readonly member: Member; readonly previous: MemberState | undefined };

interface Record {
  name: string;
  address: string;
  incarnation: number;
  state: MemberState;
  since: number;
}

const IGNORED: ApplyResult = { kind: 'ignored' };
const CONFIRM: ApplyResult = { kind: 'confirm' };
const REASSERT: ApplyResult = { kind: 'reassert' };

export function isLive(state: MemberState): boolean {
  return state === 'alive' || state === 'suspect';
}

export class MemberTable {
  readonly #selfName: string;
  readonly #records = new Map<string, Record>();

  constructor(selfName: string, selfAddress: string, now: number) {
    this.#selfName = selfName;
    this.#records.set(selfName, { name: selfName, address: selfAddress, incarnation: 0, state: 'alive', since: now });
  }

  get selfName(): string {
    return this.#selfName;
  }

  self(): Member {
    return snapshot(this.#self());
  }

  get(name: string): Member | undefined {
    const r = this.#records.get(name);
    return r && snapshot(r);
  }

  /** every member, self included */
  list(): Member[] {
    return [...this.#records.values()].map(snapshot);
  }

  /** alive and suspect members, self included (memberlist's estimate of n) */
  liveCount(): number {
    let n = 0;
    for (const r of this.#records.values()) if (isLive(r.state)) n++;
    return n;
  }

  /** members other than self matching `pred` */
  others(pred: (m: Member) => boolean): Member[] {
    const out: Member[] = [];
    for (const r of this.#records.values()) if (r.name !== this.#selfName && pred(r)) out.push(snapshot(r));
    return out;
  }

  applyAlive(name: string, address: string, incarnation: number, now: number): ApplyResult {
    const r = this.#records.get(name);
    if (name === this.#selfName) {
      const self = this.#self();
      // an echo of our own state, or old news
      if (incarnation < self.incarnation || (incarnation === self.incarnation && address === self.address)) return IGNORED;
      // someone claims a newer (or different) us: an earlier life of this member; beat it
      return { kind: 'refute', incarnation };
    }
    if (r === undefined) {
      const rec: Record = { name, address, incarnation, state: 'alive', since: now };
      this.#records.set(name, rec);
      return { kind: 'changed', member: snapshot(rec), previous: undefined };
    }
    // alive overrides only with a higher incarnation
    if (incarnation <= r.incarnation) return IGNORED;
    const previous = r.state;
    r.incarnation = incarnation;
    r.address = address;
    if (r.state !== 'alive') {
      r.state = 'alive';
      r.since = now;
    }
    return { kind: 'changed', member: snapshot(r), previous };
  }

  applySuspect(name: string, incarnation: number, now: number): ApplyResult {
    const r = this.#records.get(name);
    if (r === undefined) return IGNORED;
    if (name === this.#selfName) return r.state === 'left' ? IGNORED : incarnation < r.incarnation ? REASSERT : { kind: 'refute', incarnation };
    if (incarnation < r.incarnation) return IGNORED;
    if (r.state === 'suspect') return CONFIRM;
    if (r.state !== 'alive') return IGNORED;
    const previous = r.state;
    r.state = 'suspect';
    r.incarnation = incarnation;
    r.since = now;
    return { kind: 'changed', member: snapshot(r), previous };
  }

  /** a dead message; from === name means the member left on purpose */
  applyDead(name: string, incarnation: number, from: string, now: number): ApplyResult {
    const r = this.#records.get(name);
    if (r === undefined || r.state === 'dead' || r.state === 'left') return IGNORED;
    if (name === this.#selfName) return incarnation < r.incarnation ? REASSERT : { kind: 'refute', incarnation };
    if (incarnation < r.incarnation) return IGNORED;
    const previous = r.state;
    r.state = from === name ? 'left' : 'dead';
    r.incarnation = incarnation;
    r.since = now;
    return { kind: 'changed', member: snapshot(r), previous };
  }

  /** memberlist refute: our incarnation becomes above both our own and the accusation's */
  refute(accused: number): Member {
    const self = this.#self();
    let inc = self.incarnation + 1;
    if (accused >= inc) inc = accused + 1;
    self.incarnation = inc;
    return snapshot(self);
  }

  /** marks ourselves left (graceful leave) */
  markSelfLeft(now: number): Member {
    const self = this.#self();
    self.state = 'left';
    self.since = now;
    return snapshot(self);
  }

  /** removes dead and left members whose state is older than `before`; returns their names */
  forget(before: number): string[] {
    const gone: string[] = [];
    for (const r of this.#records.values()) {
      if (r.name !== this.#selfName && (r.state === 'dead' || r.state === 'left') && r.since < before) gone.push(r.name);
    }
    for (const name of gone) this.#records.delete(name);
    return gone;
  }

  #self(): Record {
    return this.#records.get(this.#selfName)!;
  }
}

function snapshot(r: Record): Member {
  return { name: r.name, address: r.address, incarnation: r.incarnation, state: r.state, since: r.since };
}
