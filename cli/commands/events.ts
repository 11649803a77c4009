// flotctl events [-n NS|-A] [--watch]: Events, oldest first; --watch keeps
// printing new ones as they are written.

import { protoToResource } from '../../src/api/client.js';
import type { EventSpec, ResourceObject } from '../../src/resources/index.js';
import type { ListResponse, WatchEventMessage } from '../client.js';
import { UsageError, type Command } from '../context.js';
import { age, table } from '../output.js';
import { NS_OPTIONS } from './get.js';

const when = (e: ResourceObject) => (e.spec as EventSpec).lastAt ?? e.metadata.createdAt ?? '';

function row(e: ResourceObject, showNs: boolean): string[] {
  const s = e.spec as EventSpec;
  const obj = s.involvedObject ? `${s.involvedObject.kind.toLowerCase()}/${s.involvedObject.name}` : '';
  return [...(showNs ? [e.metadata.namespace ?? ''] : []), age(when(e)), s.type, s.reason, obj, s.source.node ?? s.source.component ?? '', s.message];
}

export const eventsCommand: Command = {
  name: 'events',
  usage: 'events [-n NS|-A] [--watch]',
  summary: 'list Events, oldest first; --watch follows new ones',
  options: { ...NS_OPTIONS, watch: { type: 'boolean', short: 'w' } },
  async run(ctx, positionals, values) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const all = values['all-namespaces'] === true;
    const req = { namespace: (values.namespace as string | undefined) ?? '', all_namespaces: all, label_selector: '' };
    const first = await ctx.client.call<ListResponse>('EventService', 'List', { ...req, limit: 0, continue: '' });
    const items = first.items.map(protoToResource).sort((a, b) => when(a).localeCompare(when(b)));
    const headers = [...(all ? ['NAMESPACE'] : []), 'AGE', 'TYPE', 'REASON', 'OBJECT', 'SOURCE', 'MESSAGE'];
    if (items.length > 0 || values.watch) ctx.io.out(table(headers, items.map((e) => row(e, all))));
    else ctx.io.err('no events found\n');
    if (!values.watch) return 0;
    const ac = new AbortController();
    process.once('SIGINT', () => ac.abort());
    for await (const ev of ctx.client.stream<WatchEventMessage>('EventService', 'Watch', { ...req, resource_version: first.resource_version, name: '', bookmark_interval_seconds: 0 }, ac.signal)) {
      if (ev.type !== 'WATCH_EVENT_TYPE_ADDED' || !ev.object) continue;
      ctx.io.out(`${row(protoToResource(ev.object), all).join('   ')}\n`);
    }
    return 0;
  },
};
