// Registers this daemon's Node object and keeps its status fresh (and the
// Node itself: one deleted while the daemon runs is registered again at the
// next refresh). Labels from
// the daemon config are merged over the stored ones (a label someone added
// with flotctl survives a restart unless the daemon sets the same key); the
// spec a person wrote (e.g. unschedulable) is kept. Facts are gathered at
// start and then on a long interval; the status is written only when it
// changed, so an idle fleet does not write to the store.

import { IllegalStateError, ShutdownError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import type { ObjectServer } from '../server/index.js';
import { gatherFacts, hostAddresses, type Facts, type NodeAddress } from './facts.js';

export interface NodeRegistrarOptions {
  readonly node: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly version: string;
  readonly apiAddress: () => string;
  readonly gossipAddress?: string;
  readonly refreshIntervalMs: number;
}

export class NodeRegistrar implements AsyncDisposable {
  readonly #abort = new AbortController();
  readonly #startedAt: string;
  #loop: Promise<void> | undefined;
  #state: 'idle' | 'running' | 'stopped' = 'idle';
  #facts: Facts | undefined;

  constructor(
    private readonly deps: { objects: ObjectServer; clock: Clock; log: Logger; gather?: () => Promise<Facts> },
    private readonly opts: NodeRegistrarOptions,
  ) {
    this.#startedAt = new Date(deps.clock.now()).toISOString();
  }

  /** registers the Node; resolves once it is stored */
  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new IllegalStateError(`node registrar is ${this.#state}`);
    this.#state = 'running';
    await this.#register();
    this.#loop = this.#refresh(this.#abort.signal);
  }

  async stop(): Promise<void> {
    if (this.#state !== 'running') return;
    this.#abort.abort(new ShutdownError());
    await this.#loop;
    this.#state = 'stopped';
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** the facts gathered last (undefined before start) */
  facts(): Facts | undefined {
    return this.#facts;
  }

  async #status(): Promise<Record<string, unknown>> {
    const facts = await (this.deps.gather ?? gatherFacts)();
    this.#facts = facts;
    const addresses: NodeAddress[] = [{ type: 'API', address: this.opts.apiAddress() }];
    if (this.opts.gossipAddress) addresses.push({ type: 'Gossip', address: this.opts.gossipAddress });
    addresses.push({ type: 'Hostname', address: facts.hostname }, ...hostAddresses());
    return { addresses, version: this.opts.version, facts, startedAt: this.#startedAt };
  }

  async #register(): Promise<void> {
    const existing = await this.deps.objects.getInternal('Node', undefined, this.opts.node);
    const status = { ...((existing?.status as object | undefined) ?? {}), ...(await this.#status()) };
    const { object, result } = await this.deps.objects.apply(
      {
        apiVersion: 'flotilla/v1alpha1',
        kind: 'Node',
        metadata: {
          name: this.opts.node,
          labels: { ...(existing?.metadata.labels ?? {}), ...this.opts.labels },
          annotations: existing?.metadata.annotations ?? {},
        },
        spec: existing?.spec ?? {},
      },
      { status },
    );
    this.deps.log.info({ result, resourceVersion: object.metadata.resourceVersion }, 'node registered');
  }

  async #refresh(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.deps.clock.sleep(this.opts.refreshIntervalMs, signal);
      } catch {
        return;
      }
      try {
        const fresh = await this.#status();
        const stored = await this.deps.objects.updateStatus('Node', undefined, this.opts.node, (cur) => ({ ...(cur.status as object), ...fresh }));
        // someone deleted this Node (flotctl delete node): register it again
        if (stored === undefined) await this.#register();
      } catch (err) {
        if (!signal.aborted) this.deps.log.warn({ err }, 'node status refresh failed');
      }
    }
  }
}
