// The composition root: starts the subsystems in dependency order onto a LIFO
// Disposer (a start that fails halfway unwinds what already started) and
// drains them in the numbered order below. It only composes and sequences;
// each subsystem owns its loops.
//
// Drain order on stop():
//   (1) the API stops accepting calls and ends open watches
//   (2) leader-only parts (the run controller) stop and leadership is resigned
//   (3) command variables stop (a command in hand is killed), then the agent
//       finishes the step in hand within the grace period
//   (4) the failure detector leaves the gossip group (peers see "left", not "dead")
//   (5) the session lease is revoked (presence disappears), the store closes

import { join } from 'node:path';
import { Agent } from '../agent/agent.js';
import { CommandVariables } from '../agent/command-variables.js';
import { NodeContextSource } from '../agent/context.js';
import { NodeRegistrar } from '../agent/node-registrar.js';
import { ApiServer, type ClusterInfo } from '../api/index.js';
import type { Config } from '../config/schema.js';
import { FlotillaError, toError } from '../errors.js';
import { Gossip, type GossipTuning } from '../failure-detector/index.js';
import { GitCache } from '../git/index.js';
import type { Clock } from '../lib/clock.js';
import { Disposer } from '../lib/disposer.js';
import type { Logger } from '../log.js';
import { createRegistry, defaultModules, ProcessJournal } from '../modules/index.js';
import { GossipRecorder } from '../agent/gossip-recorder.js';
import { clusterConfigFrom, durationMs, KINDS, type ClusterConfig, type ConfigSpec } from '../resources/index.js';
import type { MembershipView } from '../runs/index.js';
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
  readonly gossip: Gossip;
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
    const readTuning = async () => gossipTuning(clusterConfigFrom((await objects.getInternal('Config', undefined, 'cluster'))?.spec as ConfigSpec | undefined).gossip);
    const gossip = new Gossip(
      { clock, log: sub('gossip') },
      {
        name: config.name,
        bind: config.gossip.bind,
        seeds: config.gossip.join,
        keyFile: config.gossip.keyFile,
        generatedKeyFile: join(config.dataDir, 'gossip.key'),
        tuning: await readTuning(),
        readTuning,
      },
    );
    const membership = membershipView(gossip);
    const controller = new RunController({ store, objects, clock, log: sub('controller'), git, node: config.name, startDeadlineMs: config.runs.startDeadlineMs, membership });
    const recorder = new GossipRecorder({ store, objects, gossip, clock, log: sub('gossip'), node: config.name });
    const leader = new LeaderElector({ store, log: sub('leader') }, { node: config.name, parts: [recorder, controller] });
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

    // gossip runs before the session (leader parts subscribe to it) but
    // drains after the agent, while the session still stands: (5) then (4)
    await gossip.start().catch(async (err: unknown) => {
      await gossip.stop();
      throw startupError('cannot start gossip', err);
    });
    try {
      await session.start();
    } catch (err) {
      await gossip.stop();
      throw err;
    }
    stack.use(session);
    stack.defer(() => gossip.leave(Math.min(GOSSIP_LEAVE_MS, config.drainTimeoutMs)));
    const registrar = new NodeRegistrar(
      { objects, clock, log: sub('agent') },
      {
        node: config.name,
        labels: config.labels,
        version: deps.version,
        apiAddress: () => api.address,
        gossipAddress: gossip.address,
        refreshIntervalMs: config.node.factsRefreshIntervalMs,
      },
    );
    await api.start();
    await registrar.start();
    stack.use(registrar);
    const engine = new TemplateEngine();
    const modules = createRegistry(defaultModules());
    const processJournal = new ProcessJournal(join(config.dataDir, 'children'));
    const agent = new Agent({
      store,
      objects,
      clock,
      log: sub('agent'),
      node: config.name,
      templates: engine,
      moduleFor: (step) => modules.moduleFor(step),
      context: new NodeContextSource({ objects, store, engine, log: sub('agent'), node: config.name, facts: () => registrar.facts() as Record<string, unknown> | undefined, membership }),
      readTreeFile: (source, path, signal) => git.readFile(source.url, source.commit, path, { signal }),
      processJournal,
    });
    await agent.start();
    // (3) the agent drains after leadership is handed back
    stack.defer(() => agent.stop(config.drainTimeoutMs));
    const commandVariables = new CommandVariables({ objects, store, clock, log: sub('agent'), node: config.name, membership, processJournal });
    commandVariables.start();
    stack.use(commandVariables);
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
    log.info({ api: api.address, gossip: gossip.address, store: store.backend }, 'ready');
    return {
      name: config.name,
      apiAddress: api.address,
      store,
      objects,
      agent,
      isLeader: () => leader.isLeader,
      gossip,
      closed,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (err) {
    await stack.dispose().catch((e: unknown) => log.warn({ err: e }, 'cleanup after failed start'));
    throw err;
  }
}

/** how long a draining daemon waits for its "left" to spread */
const GOSSIP_LEAVE_MS = 2_000;

/** the Config's gossip settings as the detector takes them */
export function gossipTuning(g: ClusterConfig['gossip']): GossipTuning {
  return {
    probeIntervalMs: durationMs(g.probeInterval),
    probeTimeoutMs: durationMs(g.probeTimeout),
    suspicionMult: g.suspicionMult,
    suspicionMaxTimeoutMult: g.suspicionMaxTimeoutMult,
    indirectChecks: g.indirectChecks,
    retransmitMult: g.retransmitMult,
    gossipIntervalMs: durationMs(g.gossipInterval),
    gossipNodes: g.gossipNodes,
    pushPullIntervalMs: durationMs(g.pushPullInterval),
    awarenessMaxMultiplier: g.awarenessMaxMultiplier,
  };
}

/** nodes gossip holds dead or left, for runs and templates */
function membershipView(gossip: Gossip): MembershipView {
  const down = () => new Set(gossip.members().filter((m) => m.state === 'dead' || m.state === 'left').map((m) => m.name));
  return {
    down,
    subscribe: (fn) => gossip.subscribe(() => fn()),
  };
}

function storeHint(config: Config): string {
  return config.store.backend === 'etcd' ? `cannot reach etcd at ${config.store.etcd.endpoints.join(', ')}` : `cannot use the embedded store in ${config.dataDir}`;
}

function startupError(what: string, err: unknown): FlotillaError {
  const e = toError(err);
  const code = e instanceof FlotillaError ? e.code : 'UNAVAILABLE';
  return new FlotillaError(code, `${what}: ${e.message}`, { cause: e });
}
