// Leader election for the controller: campaigns on each session lease and
// runs the leader-only parts while it holds leadership. Parts start in order
// and stop in reverse when leadership is lost or the daemon drains; then the
// candidacy is resigned so another daemon takes over at once.

import { isAbortError } from '../lib/abort.js';
import type { Logger } from '../log.js';
import { campaign, type Lease, type Leadership, type Store } from '../store/index.js';

export const CONTROLLER_ELECTION = 'controller';

/** something that runs only on the leader */
export interface LeaderPart {
  readonly name: string;
  /** starts the part; `fencing` guards its writes */
  start(leadership: Leadership): Promise<void>;
  stop(): Promise<void>;
}

export class LeaderElector {
  #current: Leadership | undefined;
  /** stop(): leave the election even while the session lives on */
  readonly #stop = new AbortController();
  #running: Promise<void> | undefined;

  constructor(
    private readonly deps: { store: Store; log: Logger },
    private readonly opts: { node: string; parts: readonly LeaderPart[] },
  ) {}

  get isLeader(): boolean {
    return this.#current !== undefined;
  }

  /** stops the leader-only parts and resigns; the daemon calls it before the agent drains */
  async stop(): Promise<void> {
    this.#stop.abort(new Error('leader elector stopping'));
    await this.#running;
  }

  /** a Session lease user: campaign, lead until the lease or leadership is lost, repeat */
  readonly run = (lease: Lease, sessionSignal: AbortSignal): Promise<void> => {
    const p = this.#run(lease, AbortSignal.any([sessionSignal, this.#stop.signal]));
    this.#running = p;
    return p;
  };

  async #run(lease: Lease, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let leadership: Leadership;
      try {
        leadership = await campaign(this.deps.store, CONTROLLER_ELECTION, this.opts.node, { lease, signal });
      } catch (err) {
        if (signal.aborted || isAbortError(err, signal)) return;
        throw err;
      }
      this.#current = leadership;
      this.deps.log.info({ fencingToken: leadership.fencingToken }, 'became leader');
      const started: LeaderPart[] = [];
      try {
        for (const p of this.opts.parts) {
          await p.start(leadership);
          started.push(p);
        }
        await Promise.race([leadership.lost, new Promise((r) => signal.addEventListener('abort', r, { once: true }))]);
      } finally {
        for (const p of started.reverse()) {
          await p.stop().catch((err: unknown) => this.deps.log.error({ err, part: p.name }, 'leader part failed to stop'));
        }
        this.#current = undefined;
        await leadership.resign().catch((err: unknown) => this.deps.log.warn({ err }, 'resign failed'));
        this.deps.log.info('leadership ended');
      }
    }
  }
}
