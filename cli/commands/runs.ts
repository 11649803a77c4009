// flotctl runs [-n NS|-A]: recent runs, newest first.

import { protoToResource } from '../../src/api/client.js';
import { UsageError, type Command } from '../context.js';
import { listAll, NS_OPTIONS, outputArg, printObjects } from './get.js';

export const runsCommand: Command = {
  name: 'runs',
  usage: 'runs [-n NS|-A] [-o yaml|json|wide|name]',
  summary: 'list runs, newest first',
  options: { ...NS_OPTIONS, output: { type: 'string', short: 'o' } },
  async run(ctx, positionals, values) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const all = values['all-namespaces'] === true;
    const items = (await listAll(ctx, 'RunService', { namespace: (values.namespace as string | undefined) ?? '', all_namespaces: all, label_selector: '' })).map(protoToResource);
    items.sort((a, b) => (b.metadata.createdAt ?? '').localeCompare(a.metadata.createdAt ?? ''));
    await printObjects(ctx, 'Run', items, outputArg(values.output), false, all);
    return 0;
  },
};
