// flotctl describe KIND NAME [-n NS]: metadata, spec and status for people,
// followed by the Events that name the object.
/* eslint-disable @typescript-eslint/no-explicit-any -- display code reads objects of every kind defensively */

import { protoToResource, type ProtoObject } from '../../src/api/client.js';
import type { ResourceObject } from '../../src/resources/index.js';
import { UsageError, kindArg, type Command } from '../context.js';
import { age, labelsText, table, yamlLib } from '../output.js';
import { listAll } from './get.js';

function block(title: string, value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'object' && Object.keys(value).length === 0)) return `${title}:\t<none>\n`;
  const yaml = yamlLib().stringify(value, { lineWidth: 0 }).trimEnd();
  return `${title}:\n${yaml.replace(/^/gm, '  ')}\n`;
}

export function describeText(obj: ResourceObject, events: ResourceObject[]): string {
  const m = obj.metadata;
  const rows: [string, string][] = [
    ['Name', m.name],
    ...(m.namespace ? [['Namespace', m.namespace] as [string, string]] : []),
    ['Kind', obj.kind],
    ['Labels', labelsText(m.labels)],
    ['Annotations', labelsText(m.annotations)],
    ['UUID', m.uuid ?? ''],
    ['Resource version', m.resourceVersion ?? ''],
    ['Generation', String(m.generation ?? '')],
    ['Created', `${m.createdAt ?? ''} (${age(m.createdAt)} ago)`],
    ['Updated', m.updatedAt ?? ''],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  let out = rows.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}\n`).join('');
  out += block('Spec', obj.spec);
  out += block('Status', obj.status);
  if (events.length === 0) out += 'Events:\t<none>\n';
  else {
    const sorted = events.sort((a, b) => String((b.spec as any).lastAt ?? b.metadata.createdAt).localeCompare(String((a.spec as any).lastAt ?? a.metadata.createdAt)));
    out += `Events:\n${table(
      ['AGE', 'TYPE', 'REASON', 'SOURCE', 'MESSAGE'],
      sorted.slice(0, 20).map((e) => {
        const s = e.spec as any;
        return [age(s.lastAt ?? e.metadata.createdAt), String(s.type ?? ''), String(s.reason ?? ''), String(s.source?.node ?? s.source?.component ?? ''), String(s.message ?? '')];
      }),
    ).replace(/^/gm, '  ')}`;
  }
  return out;
}

export const describeCommand: Command = {
  name: 'describe',
  usage: 'describe KIND NAME [-n NS]',
  summary: 'show one object in detail, with its events',
  options: { namespace: { type: 'string', short: 'n' } },
  async run(ctx, positionals, values) {
    const [kindName, name, extra] = positionals;
    const k = await kindArg(kindName);
    if (!name) throw new UsageError('NAME is required');
    if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
    const ns = (values.namespace as string | undefined) ?? '';
    const obj = protoToResource(await ctx.client.call<ProtoObject>(`${k.kind}Service`, 'Get', { name, namespace: ns }));
    const eventNs = k.namespaced ? obj.metadata.namespace ?? 'default' : 'system';
    const events = (await listAll(ctx, 'EventService', { namespace: eventNs, all_namespaces: false, label_selector: '' }))
      .map(protoToResource)
      .filter((e) => {
        const io = (e.spec as any)?.involvedObject;
        return io?.kind === k.kind && io?.name === name;
      });
    ctx.io.out(describeText(obj, events));
    return 0;
  },
};
