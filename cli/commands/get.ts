// flotctl get KIND [NAME] [-n NS|-A] [-l SELECTOR] [-o yaml|json|wide|name]

import { protoToResource, type ProtoObject } from '../../src/api/client.js';
import type { ResourceObject } from '../../src/resources/index.js';
import type { ListResponse } from '../client.js';
import { tableFor } from '../columns.js';
import { UsageError, display, kindArg, type Context, type Command } from '../context.js';
import { table, toJson, toYaml, type OutputFormat } from '../output.js';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'wide', 'yaml', 'json', 'name'];

export function outputArg(v: unknown): OutputFormat {
  const o = (v as string | undefined) ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(o)) throw new UsageError(`-o must be one of yaml, json, wide, name; got '${o}'`);
  return o as OutputFormat;
}

export const NS_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
} as const;

export async function listAll(ctx: Context, service: string, req: Record<string, unknown>): Promise<ProtoObject[]> {
  const items: ProtoObject[] = [];
  let cont = '';
  do {
    const page = await ctx.client.call<ListResponse>(service, 'List', { ...req, limit: 500, continue: cont });
    items.push(...page.items);
    cont = page.continue;
  } while (cont);
  return items;
}

export async function printObjects(ctx: Context, kind: string, objs: ResourceObject[], output: OutputFormat, single: boolean, showNamespace: boolean): Promise<void> {
  const k = await kindArg(kind);
  switch (output) {
    case 'yaml':
      ctx.io.out(toYaml(objs));
      return;
    case 'json':
      ctx.io.out(toJson(objs, single));
      return;
    case 'name':
      ctx.io.out(objs.map((o) => `${display(k, o.metadata.name)}\n`).join(''));
      return;
    default: {
      if (objs.length === 0) {
        ctx.io.err(`no ${k.plural} found\n`);
        return;
      }
      const { headers, rows } = tableFor(k.kind, objs, { wide: output === 'wide', showNamespace });
      ctx.io.out(table(headers, rows));
    }
  }
}

export const getCommand: Command = {
  name: 'get',
  usage: 'get KIND [NAME] [-n NS|-A] [-l SELECTOR] [-o yaml|json|wide|name]',
  summary: 'list objects or show one',
  options: { ...NS_OPTIONS, selector: { type: 'string', short: 'l' }, output: { type: 'string', short: 'o' } },
  async run(ctx, positionals, values) {
    const [kindName, name, extra] = positionals;
    if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
    const k = await kindArg(kindName);
    const output = outputArg(values.output);
    const ns = (values.namespace as string | undefined) ?? '';
    const all = values['all-namespaces'] === true;
    if (name !== undefined && (all || values.selector !== undefined)) throw new UsageError('NAME cannot be combined with -A or -l');
    if (all && values.namespace !== undefined) throw new UsageError('-n and -A cannot be combined');
    if (name !== undefined) {
      const obj = protoToResource(await ctx.client.call<ProtoObject>(`${k.kind}Service`, 'Get', { name, namespace: ns }));
      await printObjects(ctx, k.kind, [obj], output, true, false);
      return 0;
    }
    const items = await listAll(ctx, `${k.kind}Service`, { namespace: ns, all_namespaces: all, label_selector: (values.selector) ?? '' });
    await printObjects(ctx, k.kind, items.map(protoToResource), output, false, all && k.namespaced);
    return 0;
  },
};
