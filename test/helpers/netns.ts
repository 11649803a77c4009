// Network namespaces for multi-host tests (RECIPES.md §5): a hub namespace
// with a bridge and one namespace per host on 10.213.0.0/24, each with eth0
// and lo. Loss and partitions are nftables rules inside a host's namespace
// (`tc netem` is not available here). Needs root, `ip` and `nft`:
// netnsUnavailable() says why a test must skip (not root, or namespaces not
// allowed here); as root, a missing `ip` or `nft` is an error, not a skip,
// since root can install them (scripts/test-all.sh does).
// Every namespace is deleted by close(), which also removes veths and rules.

import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export function netnsUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  for (const tool of ['ip', 'nft']) {
    if (spawnSync(tool, ['-V']).error) throw new Error(`'${tool}' is not installed: run apt-get install iproute2 nftables (scripts/test-all.sh installs them when run as root)`);
  }
  const probe = `fltprobe${randomBytes(3).toString('hex')}`;
  const r = spawnSync('ip', ['netns', 'add', probe]);
  if (r.status !== 0) return `cannot create a network namespace: ${r.stderr.toString().trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

export interface Hosts {
  /** namespace names, one per host */
  readonly ns: readonly string[];
  /** the address of host i (0-based) */
  addr(i: number): string;
  /** argv prefix that runs a command inside host i */
  exec(i: number): string[];
  /** runs an nft script inside host i */
  nft(i: number, script: string): void;
  /** `percent` % of every packet arriving at host i is dropped (0 removes the rule) */
  loss(i: number, percent: number): void;
  /** host i drops everything from and to the given hosts (an empty list heals) */
  isolate(i: number, from: readonly number[]): void;
  close(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

export function createHosts(count: number): Hosts {
  const p = `flt${randomBytes(3).toString('hex')}`;
  const hub = `${p}-hub`;
  const ns = Array.from({ length: count }, (_, i) => `${p}-n${i + 1}`);
  const created: string[] = [];
  const close = () => {
    for (const n of [...created].reverse()) spawnSync('ip', ['netns', 'del', n]);
    created.length = 0;
  };
  try {
    ip('netns', 'add', hub);
    created.push(hub);
    ip('-n', hub, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', hub, 'link', 'set', 'br0', 'up');
    ns.forEach((n, i) => {
      ip('netns', 'add', n);
      created.push(n);
      ip('link', 'add', 'eth0', 'netns', n, 'type', 'veth', 'peer', 'name', `v${i + 1}`, 'netns', hub);
      ip('-n', hub, 'link', 'set', `v${i + 1}`, 'master', 'br0', 'up');
      ip('-n', n, 'addr', 'add', `10.213.0.${i + 1}/24`, 'dev', 'eth0');
      ip('-n', n, 'link', 'set', 'eth0', 'up');
      ip('-n', n, 'link', 'set', 'lo', 'up');
    });
  } catch (err) {
    close();
    throw err;
  }
  const nft = (i: number, script: string) => execFileSync('ip', ['netns', 'exec', ns[i], 'nft', '-f', '-'], { input: script, stdio: ['pipe', 'ignore', 'pipe'] });
  const addr = (i: number) => `10.213.0.${i + 1}`;
  const rules = new Map<number, { loss: number; isolate: readonly number[] }>();
  const apply = (i: number) => {
    const r = rules.get(i) ?? { loss: 0, isolate: [] };
    const lines = ['table inet chaos', 'delete table inet chaos', 'table inet chaos {', '  chain input { type filter hook input priority 0;'];
    for (const j of r.isolate) lines.push(`    ip saddr ${addr(j)} drop`);
    if (r.loss > 0) lines.push(`    iifname "eth0" numgen random mod 100 < ${r.loss} counter drop`);
    lines.push('  }', '  chain output { type filter hook output priority 0;');
    for (const j of r.isolate) lines.push(`    ip daddr ${addr(j)} drop`);
    lines.push('  }', '}');
    nft(i, `${lines.join('\n')}\n`);
  };
  return {
    ns,
    addr,
    exec: (i) => ['ip', 'netns', 'exec', ns[i]],
    nft,
    loss(i, percent) {
      rules.set(i, { isolate: rules.get(i)?.isolate ?? [], loss: percent });
      apply(i);
    },
    isolate(i, from) {
      rules.set(i, { loss: rules.get(i)?.loss ?? 0, isolate: from });
      apply(i);
    },
    close,
  };
}
