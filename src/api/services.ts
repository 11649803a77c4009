// One service per kind, all backed by the generic ObjectServer: this file
// registers `<Kind>Service` for every kind in the registry with the same five
// handlers, plus ClusterService. Handlers only decode, call server/, encode.

import type * as grpc from '@grpc/grpc-js';
import { InvalidArgumentError } from '../errors.js';
import type { Logger } from '../log.js';
import { KINDS, type KindInfo } from '../resources/index.js';
import type { RunService } from '../runs/index.js';
import type { ObjectServer } from '../server/index.js';
import { APPLY_RESULT, WATCH_EVENT_TYPE, fromProto, toProto, type ProtoObject } from './codec.js';
import { fromStruct, toStruct, type ProtoStruct } from './struct.js';
import { serverStream, unary } from './handlers.js';
import { serviceClient } from './loader.js';

interface GetRequest {
  name: string;
  namespace: string;
}
interface ListRequest {
  namespace: string;
  all_namespaces: boolean;
  label_selector: string;
  limit: number;
  continue: string;
}
interface DeleteRequest {
  name: string;
  namespace: string;
  resource_version: string;
}
interface WatchRequest {
  namespace: string;
  all_namespaces: boolean;
  label_selector: string;
  resource_version: string;
  name: string;
  bookmark_interval_seconds: number;
}
interface ApplyRequest {
  object: ProtoObject | null;
  dry_run: boolean;
}

export interface ClusterInfo {
  leader: string;
  fencing_token: string;
  present_nodes: string[];
  store_backend: string;
  revision: string;
  version: string;
  node: string;
}

export interface ServiceDeps {
  readonly objects: ObjectServer;
  readonly log: Logger;
  readonly clusterInfo: () => Promise<ClusterInfo>;
  readonly defaultBookmarkIntervalMs: number;
  /** aborted when the server shuts down: ends open watch streams */
  readonly shutdown: AbortSignal;
  /** Start / Cancel / Logs of RunService */
  readonly runs: RunService;
}

interface StartRunRequest {
  task_book: string;
  namespace: string;
  set: ProtoStruct | null;
  nodes: string[];
  check: boolean;
  diff: boolean;
  name: string;
}
interface CancelRunRequest {
  name: string;
  namespace: string;
}
interface RunLogsRequest {
  name: string;
  namespace: string;
  node: string;
}

function runExtras(d: ServiceDeps): grpc.UntypedServiceImplementation {
  return {
    Start: unary<StartRunRequest, ProtoObject>(d.log, 'RunService/Start', async (req) =>
      toProto(
        await d.runs.start({
          taskBook: req.task_book,
          namespace: req.namespace,
          set: fromStruct(req.set) as never,
          nodes: req.nodes,
          check: req.check,
          diff: req.diff,
          name: req.name,
        }),
      ),
    ),
    Cancel: unary<CancelRunRequest, ProtoObject>(d.log, 'RunService/Cancel', async (req) => toProto(await d.runs.cancel(req.namespace, requireName(req.name)))),
    Logs: unary<RunLogsRequest, unknown>(d.log, 'RunService/Logs', async (req) => ({
      nodes: (await d.runs.logs(req.namespace, requireName(req.name), req.node || undefined)).map((n) => ({
        node: n.node,
        state: n.state,
        message: n.message ?? '',
        steps: n.steps.map((s) => toStruct(s as unknown as Record<string, unknown>)),
      })),
    })),
  };
}

const MAX_BOOKMARK_SECONDS = 3600;

function requireName(name: string): string {
  if (!name) throw new InvalidArgumentError([{ path: 'name', message: 'is required' }]);
  return name;
}

function kindHandlers(k: KindInfo, d: ServiceDeps): grpc.UntypedServiceImplementation {
  const m = (name: string) => `${k.kind}Service/${name}`;
  const ns = (s: string) => (k.namespaced ? s || 'default' : undefined);
  return {
    Get: unary<GetRequest, ProtoObject>(d.log, m('Get'), async (req) =>
      toProto(await d.objects.get(k.kind, ns(req.namespace), requireName(req.name))),
    ),
    List: unary<ListRequest, unknown>(d.log, m('List'), async (req) => {
      const res = await d.objects.list(k.kind, {
        namespace: ns(req.namespace),
        allNamespaces: req.all_namespaces,
        labelSelector: req.label_selector,
        limit: req.limit,
        continue: req.continue,
      });
      return { items: res.items.map(toProto), resource_version: res.resourceVersion, continue: res.continue };
    }),
    Apply: unary<ApplyRequest, unknown>(d.log, m('Apply'), async (req) => {
      const res = await d.objects.apply(fromProto(req.object, k.kind), { dryRun: req.dry_run });
      return { object: toProto(res.object), result: APPLY_RESULT[res.result] };
    }),
    Delete: unary<DeleteRequest, unknown>(d.log, m('Delete'), async (req) => {
      const res = await d.objects.delete(k.kind, ns(req.namespace), requireName(req.name), {
        resourceVersion: req.resource_version || undefined,
      });
      return { resource_version: res.resourceVersion };
    }),
    Watch: serverStream<WatchRequest, unknown>(
      d.log,
      m('Watch'),
      async (req, write, signal) => {
        const secs = req.bookmark_interval_seconds;
        if (!Number.isInteger(secs) || secs < 0 || secs > MAX_BOOKMARK_SECONDS) {
          throw new InvalidArgumentError([{ path: 'bookmark_interval_seconds', message: `must be 0..${MAX_BOOKMARK_SECONDS}` }]);
        }
        const events = d.objects.watch(k.kind, {
          namespace: ns(req.namespace),
          allNamespaces: req.all_namespaces,
          labelSelector: req.label_selector,
          name: req.name || undefined,
          resourceVersion: req.resource_version || undefined,
          bookmarkIntervalMs: secs > 0 ? secs * 1000 : d.defaultBookmarkIntervalMs,
          signal,
        });
        for await (const ev of events) {
          await write({
            type: WATCH_EVENT_TYPE[ev.type],
            object: 'object' in ev ? toProto(ev.object) : null,
            resource_version: ev.resourceVersion,
          });
        }
      },
      d.shutdown,
    ),
  };
}

/** registers every kind's service and ClusterService on `server` */
export function addServices(server: grpc.Server, d: ServiceDeps): void {
  for (const k of KINDS) server.addService(serviceClient(`${k.kind}Service`).service, { ...kindHandlers(k, d), ...(k.kind === 'Run' ? runExtras(d) : {}) });
  server.addService(serviceClient('ClusterService').service, {
    Info: unary<unknown, ClusterInfo>(d.log, 'ClusterService/Info', () => d.clusterInfo()),
  });
}
