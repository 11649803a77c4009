// flotctl delete KIND NAME [-n NS] | delete -f FILE|DIR|-

import { display, kindArg, resources, UsageError, type Command, errorText } from '../context.js';
import { loadFiles, sortForApply } from './apply.js';

export const deleteCommand: Command = {
  name: 'delete',
  usage: 'delete KIND NAME... [-n NS] | delete -f FILE|DIR|-',
  summary: 'delete objects by name or as listed in files',
  options: { namespace: { type: 'string', short: 'n' }, filename: { type: 'string', short: 'f', multiple: true } },
  async run(ctx, positionals, values) {
    const files = (values.filename as string[] | undefined) ?? [];
    const targets: { kind: string; name: string; namespace: string; where: string }[] = [];
    if (files.length > 0) {
      if (positionals.length > 0) throw new UsageError('give either -f or KIND NAME, not both');
      // reverse of apply order: namespaced objects before their namespace
      for (const { object, file, document } of sortForApply(await loadFiles(ctx, files)).reverse()) {
        targets.push({ kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace ?? '', where: `${file}: document ${document}: ` });
      }
    } else {
      const [kindName, ...names] = positionals;
      const k = await kindArg(kindName);
      if (names.length === 0) throw new UsageError('NAME is required');
      for (const name of names) targets.push({ kind: k.kind, name, namespace: (values.namespace as string | undefined) ?? '', where: '' });
    }
    const { lookupKind } = await resources();
    let failed = 0;
    for (const t of targets) {
      const k = lookupKind(t.kind)!;
      try {
        await ctx.client.call(`${k.kind}Service`, 'Delete', { name: t.name, namespace: t.namespace, resource_version: '' });
        ctx.io.out(`${display(k, t.name)} deleted\n`);
      } catch (err) {
        failed++;
        ctx.io.err(`${errorText(err).replace(/^error: /gm, `error: ${t.where}`)}\n`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
