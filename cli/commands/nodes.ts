// flotctl nodes [-o wide]: every Node with its liveness (a live session in
// the store), its gossip state as the leader's failure detector last recorded
// it (alive / suspect / dead / left, and for how long), which one leads,
// version and addresses.
/* eslint-disable @typescript-eslint/no-explicit-any -- display code reads objects of every kind defensively */

import { protoToResource } from '../../src/api/client.js';
import type { ClusterInfo } from '../../src/api/client.js';
import { UsageError, type Command } from '../context.js';
import { age, labelsText, table } from '../output.js';
import { listAll, outputArg, printObjects } from './get.js';

export const nodesCommand: Command = {
  name: 'nodes',
  usage: 'nodes [-o wide|yaml|json]',
  summary: 'list the servers: status, gossip state, leader, version, addresses',
  options: { output: { type: 'string', short: 'o' } },
  async run(ctx, positionals, values) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const output = outputArg(values.output);
    const [items, info] = await Promise.all([
      listAll(ctx, 'NodeService', { namespace: '', all_namespaces: false, label_selector: '' }),
      ctx.client.call<ClusterInfo>('ClusterService', 'Info', {}),
    ]);
    const nodes = items.map(protoToResource);
    if (output !== 'table' && output !== 'wide') {
      await printObjects(ctx, 'Node', nodes, output, false, false);
      return 0;
    }
    const present = new Set(info.present_nodes);
    const headers = ['NAME', 'STATUS', 'GOSSIP', 'ROLE', 'VERSION', 'ADDRESS', 'OS', 'AGE', ...(output === 'wide' ? ['KERNEL', 'CPUS', 'MEMORY', 'LABELS'] : [])];
    const rows = nodes.map((n) => {
      const st = (n.status ?? {}) as any;
      const addr = (st.addresses ?? []).find((a: any) => a.type === 'API')?.address ?? '';
      const row = [
        n.metadata.name,
        present.has(n.metadata.name) ? 'Ready' : 'NotReady',
        st.gossip?.state ? `${st.gossip.state} ${age(st.gossip.since)}` : '-',
        info.leader === n.metadata.name ? 'leader' : '-',
        String(st.version ?? ''),
        addr,
        [st.facts?.distribution, st.facts?.distributionVersion].filter(Boolean).join(' '),
        age(n.metadata.createdAt),
      ];
      if (output === 'wide') {
        row.push(String(st.facts?.kernel ?? ''), String(st.facts?.cpus ?? ''), st.facts?.memoryBytes ? `${Math.round(st.facts.memoryBytes / 2 ** 30)}Gi` : '', labelsText(n.metadata.labels));
      }
      return row;
    });
    ctx.io.out(table(headers, rows));
    ctx.io.out(`\nleader: ${info.leader || '<none>'}   store: ${info.store_backend}   revision: ${info.revision}\n`);
    return 0;
  },
};
