// Facts about this machine for Node.status: cheap to gather (no subprocesses),
// so they are read at start and refreshed on a long interval. Everything comes
// from node:os and /etc/os-release; a missing source gives an absent field,
// never an error.

import { readFile } from 'node:fs/promises';
import * as os from 'node:os';

export interface Facts {
  readonly os: string;
  readonly distribution?: string;
  readonly distributionVersion?: string;
  readonly kernel: string;
  readonly arch: string;
  readonly hostname: string;
  readonly cpus: number;
  readonly memoryBytes: number;
}

export interface NodeAddress {
  readonly type: 'InternalIP' | 'Hostname' | 'API' | 'Gossip';
  readonly address: string;
}

export async function gatherFacts(osReleasePath = '/etc/os-release'): Promise<Facts> {
  const release = await readOsRelease(osReleasePath);
  return {
    os: os.platform(),
    ...(release.ID ? { distribution: release.ID } : {}),
    ...(release.VERSION_ID ? { distributionVersion: release.VERSION_ID } : {}),
    kernel: os.release(),
    arch: os.arch(),
    hostname: os.hostname(),
    cpus: os.availableParallelism(),
    memoryBytes: os.totalmem(),
  };
}

/** Non-internal interface addresses, IPv4 first, stable order. */
export function hostAddresses(): NodeAddress[] {
  const out: NodeAddress[] = [];
  for (const [, addrs] of Object.entries(os.networkInterfaces())) {
    for (const a of addrs ?? []) if (!a.internal) out.push({ type: 'InternalIP', address: a.address });
  }
  return out.sort((a, b) => Number(a.address.includes(':')) - Number(b.address.includes(':')) || a.address.localeCompare(b.address));
}

async function readOsRelease(path: string): Promise<Record<string, string>> {
  try {
    const text = await readFile(path, 'utf8');
    const out: Record<string, string> = {};
    for (const line of text.split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
    }
    return out;
  } catch {
    return {};
  }
}
