// The Lease handle the embedded store hands out. Being in the same process as
// the store, a handle keeps its lease alive simply by existing: the store
// gives the lease no expiry until abandon() (or a restart, after which the
// lease expires one TTL after the store reopens, as etcd does after a leader
// change). The handle owns only its `lost` promise; everything else is the
// store's, reached through LeaseOwner.

import type { Lease } from '../store.js';

export interface LeaseOwner {
  /** stops keep-alives: the lease expires one TTL from now */
  abandonLease(id: string): void;
  /** revokes the lease and its keys; no-op when it is already gone */
  revokeLease(id: string): Promise<void>;
}

export class EmbeddedLease implements Lease {
  readonly lost: Promise<Error>;
  #resolveLost!: (reason: Error) => void;
  #isLost = false;

  constructor(
    private readonly owner: LeaseOwner,
    readonly id: string,
    readonly ttlSeconds: number,
  ) {
    this.lost = new Promise<Error>((resolve) => (this.#resolveLost = resolve));
  }

  get isLost(): boolean {
    return this.#isLost;
  }

  /** resolves `lost` with `reason` (first call wins) */
  markLost(reason: Error): void {
    if (this.#isLost) return;
    this.#isLost = true;
    this.#resolveLost(reason);
  }

  abandon(): void {
    if (!this.#isLost) this.owner.abandonLease(this.id);
  }

  revoke(): Promise<void> {
    return this.owner.revokeLease(this.id);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.revoke();
  }
}
