// The composition root: starts the subsystems in dependency order onto a LIFO
// Disposer (a start that fails halfway unwinds what already started) and
// drains them in the numbered order below. It only composes and sequences;
// each subsystem owns its loops.
//
// Drain order on stop():
//   (1) the API stops accepting calls and ends open watches
//   (2) leader-only parts (the run controller) stop and leadership is resigned
//   (3) the agent finishes the step in hand within the grace period
//   (4) the failure detector leaves the gossip group (issue 5)
//   (5) the session lease is revoked (presence disappears), the store closes

import { join } from 'node:path';
import { Agent } from '../agent/agent.js';
import { NodeContextSource } from '../agent/context.js';
import { NodeRegistrar } from '../agent/node-registrar.js';
import { ApiServer, type ClusterInfo } from '../api/index.js';
import type { Config } from '../config/schema.js';
import { FlotillaError, toError } from '../errors.js';
import { GitCache } from '../git/index.js';
import type { Clock } from '../lib/clock.js';
import { Disposer } from '../lib/disposer.js';
import type { Logger } from '../log.js';
import { createRegistry, defaultModules, ProcessJournal } from '../modules/index.js';
import { KINDS } from '../resources/index.js';
import { RunController, RunService } from '../runs/index.js';
import { ObjectCache, ObjectServer } from '../server/index.js';
import { PRESENCE_PREFIX, currentLeader, openStore, type Store } from '../store/index.js';
import { TemplateEngine } from '../templates/index.js';
import { CONTROLLER_ELECTION, LeaderElector } from './leader.js';
import { Session } from './session.js';

export interface DaemonDeps {
  readonly log: Logger;
  readonly clock: Clock;
  readonly version: string;
}

export interface Daemon extends AsyncDisposable {
  readonly name: string;
  /** host:port the API is bound to */
  readonly apiAddress: string;
  readonly store: Store;
  readonly objects: ObjectServer;
  readonly agent: Agent;
  readonly isLeader: () => boolean;
  /** resolves (never rejects) when the daemon has stopped, with the error that stopped it, if any */
  readonly closed: Promise<Error | undefined>;
  /** drains and stops; idempotent */
  stop(): Promise<void>;
}

export async function startDaemon(config: Config, deps: DaemonDeps): Promise<Daemon> {
  const { log, clock } = deps;
  const sub = (subsystem: string) => log.child({ subsystem });
  const stack = new Disposer();
  let resolveClosed!: (e: Error | undefined) => void;
  const closed = new Promise<Error | undefined>((r) => (resolveClosed = r));
  try {
    const store = await openStore(config, { clock }).catch((err: unknown) => {
      throw startupError(`cannot open the ${config.store.backend} store`, err);
    });
    stack.defer(() => store.close());
    const cache = new ObjectCache({ store, clock, log: sub('cache') }, KINDS);
    await cache.start().catch((err: unknown) => {
      throw startupError(storeHint(config), err);
    });
    stack.use(cache);
    const objects = new ObjectServer({ store, clock, log: sub('server'), cache });
    await objects.ensureBuiltinNamespaces();

    const git = new GitCache({ dir: join(config.dataDir, 'git'), log: sub('git'), clock });
    await git.start();
    stack.use(git);
    const controller = new RunController({ store, objects, clock, log: sub('controller'), git, node: config.name, startDeadlineMs: config.runs.startDeadlineMs });
    const leader = new LeaderElector({ store, log: sub('leader') }, { node: config.name, parts: [controller] });
    const session = new Session(
      { store, clock, log: sub('session') },
      {
        node: config.name,
        ttlSeconds: config.node.leaseTtlSeconds,
        presence: () => new TextEncoder().encode(JSON.stringify({ node: config.name, version: deps.version })),
      },
    );
    session.onLease(leader.run);
    const clusterInfo = async (): Promise<ClusterInfo> => {
      const [lead, present, revision] = await Promise.all([currentLeader(store, CONTROLLER_ELECTION), store.list(PRESENCE_PREFIX), store.revision()]);
      return {
        leader: lead?.candidate ?? '',
        fencing_token: lead?.fencingToken ?? '',
        present_nodes: present.items.map((kv) => kv.key.slice(PRESENCE_PREFIX.length)),
        store_backend: store.backend,
        revision,
        version: deps.version,
        node: config.name,
      };
    };
    const runs = new RunService({ objects, store, clock });
    const api = new ApiServer({ objects, runs, log: sub('api'), clusterInfo }, config.api);
    session.onHealth((ok) => api.setServing(ok));

    // (5) first on the stack, so last to go
    await session.start();
    stack.use(session);
    const registrar = new NodeRegistrar(
      { objects, clock, log: sub('agent') },
      { node: config.name, labels: config.labels, version: deps.version, apiAddress: () => api.address, refreshIntervalMs: config.node.factsRefreshIntervalMs },
    );
    await api.start();
    await registrar.start();
    stack.use(registrar);
    const engine = new TemplateEngine();
    const modules = createRegistry(defaultModules());
    const agent = new Agent({
      store,
      objects,
      clock,
      log: sub('agent'),
      node: config.name,
      templates: engine,
      moduleFor: (step) => modules.moduleFor(step),
      context: new NodeContextSource({ objects, store, engine, log: sub('agent'), node: config.name, facts: () => registrar.facts() as Record<string, unknown> | undefined }),
      readTreeFile: (source, path, signal) => git.readFile(source.url, source.commit, path, { signal }),
      processJournal: new ProcessJournal(join(config.dataDir, 'children')),
    });
    await agent.start();
    // (3) the agent drains after leadership is handed back
    stack.defer(() => agent.stop(config.drainTimeoutMs));
    // (2) leadership goes before the agent drains
    stack.defer(() => leader.stop());
    // (1) the API stops first
    stack.use(api);

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        log.info('draining');
        let failure: Error | undefined;
        try {
          await stack.dispose();
        } catch (err) {
          failure = toError(err);
          log.error({ err }, 'error while stopping');
        }
        log.info('stopped');
        resolveClosed(failure);
      })());
    log.info({ api: api.address, store: store.backend }, 'ready');
    return {
      name: config.name,
      apiAddress: api.address,
      store,
      objects,
      agent,
      isLeader: () => leader.isLeader,
      closed,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (err) {
    await stack.dispose().catch((e: unknown) => log.warn({ err: e }, 'cleanup after failed start'));
    throw err;
  }
}

function storeHint(config: Config): string {
  return config.store.backend === 'etcd' ? `cannot reach etcd at ${config.store.etcd.endpoints.join(', ')}` : `cannot use the embedded store in ${config.dataDir}`;
}

function startupError(what: string, err: unknown): FlotillaError {
  const e = toError(err);
  const code = e instanceof FlotillaError ? e.code : 'UNAVAILABLE';
  return new FlotillaError(code, `${what}: ${e.message}`, { cause: e });
}
