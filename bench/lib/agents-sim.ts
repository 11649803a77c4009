// Simulated nodes for bench/agents.ts: in one process, each node is a real
// Session (its own lease and presence key) and a real Agent (real modules,
// template engine, NodeContextSource), composed as src/daemon/daemon.ts
// composes them. Nodes share one etcd Store, ObjectCache and ObjectServer per
// group of `perStore` nodes, which stands in for a daemon's own connection
// without opening a hundred of them. No NodeRegistrar: the bench applies the
// Node objects itself, and facts are empty.

import { Agent } from '../../src/agent/agent.js';
import { NodeContextSource } from '../../src/agent/context.js';
import { defaultConfig } from '../../src/config/schema.js';
import { Session } from '../../src/daemon/session.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger, silentLogger, type Logger } from '../../src/log.js';
import { createRegistry, defaultModules } from '../../src/modules/index.js';
import { KINDS } from '../../src/resources/index.js';
import { ObjectCache, ObjectServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { TemplateEngine } from '../../src/templates/index.js';

export interface TraceRecord {
  /** epoch ms, taken when the line was written */
  readonly at: number;
  readonly msg: string;
  readonly run?: string;
  readonly node?: string;
}

export interface SimFleet {
  readonly names: readonly string[];
  /** agents' 'phase started' / 'phase ended' lines (only with trace) */
  readonly trace: TraceRecord[];
  /** the first group's store connection (for the bench's own reads) */
  readonly store: Store;
  /** agents, then sessions (leases revoked), caches, stores; never throws before all are tried */
  stop(): Promise<void>;
}

interface Group {
  readonly store: Store;
  readonly cache: ObjectCache;
  readonly objects: ObjectServer;
}

const enc = new TextEncoder();
const TRACED = new Set(['phase started', 'phase ended']);

export async function startSimFleet(opts: {
  endpoints: readonly string[];
  names: readonly string[];
  perStore: number;
  ttlSeconds?: number;
  trace?: boolean;
}): Promise<SimFleet> {
  const clock = systemClock;
  const trace: TraceRecord[] = [];
  const log: Logger = opts.trace
    ? createLogger({
        level: 'info',
        destination: {
          write(line: string) {
            const r = JSON.parse(line) as { msg?: string; run?: string; node?: string; level?: string };
            if (r.msg && TRACED.has(r.msg)) trace.push({ at: Date.now(), msg: r.msg, run: r.run, node: r.node });
            else if (r.level === 'error' || r.level === 'fatal') process.stderr.write(line);
          },
        },
      })
    : silentLogger();
  const base = defaultConfig('sim');
  const storeConfig = { dataDir: '', store: { ...base.store, backend: 'etcd' as const, etcd: { ...base.store.etcd, endpoints: [...opts.endpoints] } } };
  const groups: Group[] = [];
  const sessions: Session[] = [];
  const agents: Agent[] = [];

  const stop = async (): Promise<void> => {
    const errors: unknown[] = [];
    const all = async (ps: Promise<unknown>[]) => {
      for (const r of await Promise.allSettled(ps)) if (r.status === 'rejected') errors.push(r.reason);
    };
    await all(agents.map((a) => a.stop(5_000)));
    await all(sessions.map((s) => s.stop()));
    await all(groups.map((g) => g.cache.stop()));
    await all(groups.map((g) => g.store.close()));
    if (errors.length > 0) throw new AggregateError(errors, `stopping the simulated fleet: ${errors.length} error(s)`);
  };

  try {
    for (let i = 0; i < opts.names.length; i += opts.perStore) {
      const store = await openStore(storeConfig, { clock });
      const cache = new ObjectCache({ store, clock, log: log.child({ subsystem: 'cache' }) }, KINDS);
      const group: Group = { store, cache, objects: new ObjectServer({ store, clock, log: log.child({ subsystem: 'server' }), cache }) };
      groups.push(group);
      await cache.start();
      await Promise.all(opts.names.slice(i, i + opts.perStore).map((node) => startNode(node, group)));
    }
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  async function startNode(node: string, { store, objects }: Group): Promise<void> {
    const nlog = log.child({ node });
    const session = new Session(
      { store, clock, log: nlog.child({ subsystem: 'session' }) },
      { node, ttlSeconds: opts.ttlSeconds ?? base.node.leaseTtlSeconds, presence: () => enc.encode(JSON.stringify({ node, version: 'bench' })) },
    );
    await session.start();
    sessions.push(session);
    const engine = new TemplateEngine();
    const modules = createRegistry(defaultModules());
    const alog = nlog.child({ subsystem: 'agent' });
    const agent = new Agent({
      store,
      objects,
      clock,
      log: alog,
      node,
      templates: engine,
      moduleFor: (step) => modules.moduleFor(step),
      context: new NodeContextSource({ objects, store, engine, log: alog, node, facts: () => ({}) }),
    });
    await agent.start();
    agents.push(agent);
  }

  return { names: opts.names, trace, store: groups[0].store, stop };
}
