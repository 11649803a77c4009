// gRPC helpers for API tests: the CLI's client (a real gRPC client on the
// generated service definitions), example objects, and stream collection.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toProto, protoToResource, type ProtoObject } from '../../src/api/index.js';
import { parseDocuments, type ResourceObject } from '../../src/resources/index.js';
import { sortForApply } from '../../cli/commands/apply.js';
import { Client, type ListResponse, type WatchEventMessage } from '../../cli/client.js';
import { REPO } from './daemon.js';

export { Client, type ListResponse, type WatchEventMessage };

/** every object in examples/taskbooks, in apply order */
export function exampleObjects(): ResourceObject[] {
  const dir = join(REPO, 'examples/taskbooks');
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseDocuments(readFileSync(join(dir, f), 'utf8'), f).map((d) => ({ object: d.object, file: f, document: d.document })));
  return sortForApply(docs).map((d) => d.object);
}

export async function apply(c: Client, obj: ResourceObject, dryRun = false): Promise<{ object: ResourceObject; result: string }> {
  const res = await c.call<{ object: ProtoObject; result: string }>(`${obj.kind}Service`, 'Apply', { object: toProto(obj), dry_run: dryRun });
  return { object: protoToResource(res.object), result: res.result.replace('APPLY_RESULT_', '').toLowerCase() };
}

export async function get(c: Client, kind: string, name: string, namespace = ''): Promise<ResourceObject> {
  return protoToResource(await c.call<ProtoObject>(`${kind}Service`, 'Get', { name, namespace }));
}

export async function list(c: Client, kind: string, req: Record<string, unknown> = {}): Promise<{ items: ResourceObject[]; resourceVersion: string; continue: string }> {
  const res = await c.call<ListResponse>(`${kind}Service`, 'List', { namespace: '', all_namespaces: false, label_selector: '', limit: 0, continue: '', ...req });
  return { items: res.items.map(protoToResource), resourceVersion: res.resource_version, continue: res.continue };
}

export interface SimpleEvent {
  type: string;
  name?: string;
  rv: string;
  object?: ResourceObject;
}

/** opens a Watch; `next(n)` waits for n more events (generous deadline) */
export function watch(c: Client, kind: string, req: Record<string, unknown>) {
  const ac = new AbortController();
  const it = c.stream<WatchEventMessage>(`${kind}Service`, 'Watch', { namespace: '', all_namespaces: false, label_selector: '', resource_version: '', name: '', bookmark_interval_seconds: 0, ...req }, ac.signal)[Symbol.asyncIterator]();
  const toSimple = (m: WatchEventMessage): SimpleEvent => ({
    type: m.type.replace('WATCH_EVENT_TYPE_', ''),
    rv: m.resource_version,
    ...(m.object ? { name: m.object.metadata?.name, object: protoToResource(m.object) } : {}),
  });
  return {
    async next(n: number, opts: { skipBookmarks?: boolean; timeoutMs?: number } = {}): Promise<SimpleEvent[]> {
      const out: SimpleEvent[] = [];
      const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
      while (out.length < n) {
        let timer: NodeJS.Timeout | undefined;
        const r = await Promise.race([
          it.next(),
          new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), Math.max(1, deadline - Date.now())))),
        ]);
        clearTimeout(timer);
        if (r === 'timeout') throw new Error(`watch: timed out with ${JSON.stringify(out.map((e) => [e.type, e.name]))}`);
        if (r.done) throw new Error(`watch ended after ${JSON.stringify(out.map((e) => [e.type, e.name]))}`);
        const ev = toSimple(r.value);
        if (opts.skipBookmarks && ev.type === 'BOOKMARK') continue;
        out.push(ev);
      }
      return out;
    },
    close(): void {
      ac.abort();
    },
  };
}

/** asserts a promise rejects with a FlotillaError of `code` whose message matches */
export async function rejectsWith(p: Promise<unknown>, code: string, message?: RegExp): Promise<Error> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; message: string };
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`, { cause: err });
    if (message && !message.test(e.message)) throw new Error(`message ${JSON.stringify(e.message)} does not match ${String(message)}`, { cause: err });
    return err as Error;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}
