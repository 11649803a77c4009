// Facts about this machine for Node.status and templates (`facts.*`). Cheap
// to gather — no subprocesses, only node:os, /etc/os-release, /proc and
// statfs — so they are read at start and refreshed on a long interval (the
// status is written only when something changed). A missing source gives an
// absent fact, never an error.

import { access, readFile, readlink, statfs } from 'node:fs/promises';
import * as os from 'node:os';

export interface Mount {
  readonly device: string;
  readonly mountpoint: string;
  readonly fstype: string;
  readonly sizeBytes?: number;
  readonly availableBytes?: number;
}

export interface Interface {
  readonly name: string;
  readonly mac?: string;
  readonly addresses: readonly { readonly address: string; readonly family: 'IPv4' | 'IPv6'; readonly cidr?: string }[];
}

export interface Facts {
  readonly os: string;
  readonly distribution?: string;
  readonly distributionVersion?: string;
  readonly distributionCodename?: string;
  readonly kernel: string;
  readonly arch: string;
  readonly hostname: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  /** apt, dnf, yum, apk or zypper: the first found on the usual paths */
  readonly packageManager?: string;
  /** systemd, openrc, sysvinit, runit, ... (from pid 1) */
  readonly initSystem?: string;
  readonly mounts: readonly Mount[];
  readonly interfaces: readonly Interface[];
}

export interface NodeAddress {
  readonly type: 'InternalIP' | 'Hostname' | 'API' | 'Gossip';
  readonly address: string;
}

export interface FactSources {
  readonly osRelease: string;
  readonly mounts: string;
  readonly proc1: string;
  readonly binDirs: readonly string[];
}

const DEFAULT_SOURCES: FactSources = {
  osRelease: '/etc/os-release',
  mounts: '/proc/self/mounts',
  proc1: '/proc/1',
  binDirs: ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'],
};

/** pseudo file systems that are not storage */
const PSEUDO_FS = new Set([
  'proc', 'sysfs', 'devtmpfs', 'devpts', 'cgroup', 'cgroup2', 'securityfs', 'pstore', 'bpf', 'tracefs', 'debugfs',
  'mqueue', 'hugetlbfs', 'fusectl', 'configfs', 'autofs', 'binfmt_misc', 'rpc_pipefs', 'nsfs', 'efivarfs', 'ramfs',
]);
const MAX_MOUNTS = 64;

export async function gatherFacts(sources: Partial<FactSources> = {}): Promise<Facts> {
  const src = { ...DEFAULT_SOURCES, ...sources };
  const [release, mounts, packageManager, initSystem] = await Promise.all([
    readKeyValues(src.osRelease),
    readMounts(src.mounts),
    findPackageManager(src.binDirs),
    findInitSystem(src.proc1),
  ]);
  return {
    os: os.platform(),
    ...(release.ID ? { distribution: release.ID } : {}),
    ...(release.VERSION_ID ? { distributionVersion: release.VERSION_ID } : {}),
    ...(release.VERSION_CODENAME ? { distributionCodename: release.VERSION_CODENAME } : {}),
    kernel: os.release(),
    arch: os.arch(),
    hostname: os.hostname(),
    cpus: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    ...(packageManager ? { packageManager } : {}),
    ...(initSystem ? { initSystem } : {}),
    mounts,
    interfaces: interfaces(),
  };
}

/** Non-internal interface addresses, IPv4 first, stable order. */
export function hostAddresses(): NodeAddress[] {
  const out: NodeAddress[] = [];
  for (const i of interfaces()) for (const a of i.addresses) out.push({ type: 'InternalIP', address: a.address });
  return out.sort((a, b) => Number(a.address.includes(':')) - Number(b.address.includes(':')) || a.address.localeCompare(b.address));
}

function interfaces(): Interface[] {
  const out: Interface[] = [];
  for (const [name, addrs] of Object.entries(os.networkInterfaces())) {
    const list = (addrs ?? []).filter((a) => !a.internal);
    if (list.length === 0) continue;
    const mac = list.find((a) => a.mac && a.mac !== '00:00:00:00:00:00')?.mac;
    out.push({
      name,
      ...(mac ? { mac } : {}),
      addresses: list.map((a) => ({ address: a.address, family: a.family, ...(a.cidr ? { cidr: a.cidr } : {}) })),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function readKeyValues(path: string): Promise<Record<string, string>> {
  try {
    const out: Record<string, string> = {};
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
      if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
    }
    return out;
  } catch {
    return {};
  }
}

async function readMounts(path: string): Promise<Mount[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const seen = new Set<string>();
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const [device, rawPoint, fstype] = line.split(' ');
    if (!device || !rawPoint || !fstype || PSEUDO_FS.has(fstype)) continue;
    const mountpoint = rawPoint.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (seen.has(mountpoint) || mounts.length >= MAX_MOUNTS) continue;
    seen.add(mountpoint);
    mounts.push({ device, mountpoint, fstype });
  }
  return Promise.all(
    mounts.map(async (m) => {
      try {
        const s = await statfs(m.mountpoint);
        return { ...m, sizeBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize };
      } catch {
        return m;
      }
    }),
  );
}

async function findPackageManager(dirs: readonly string[]): Promise<string | undefined> {
  for (const [bin, name] of [['apt-get', 'apt'], ['dnf', 'dnf'], ['yum', 'yum'], ['apk', 'apk'], ['zypper', 'zypper']] as const) {
    for (const d of dirs) {
      try {
        await access(`${d}/${bin}`);
        return name;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

async function findInitSystem(proc1: string): Promise<string | undefined> {
  try {
    const exe = await readlink(`${proc1}/exe`);
    if (exe.includes('systemd')) return 'systemd';
  } catch {
    // not readable (not root, or no /proc)
  }
  try {
    const comm = (await readFile(`${proc1}/comm`, 'utf8')).trim();
    if (comm === 'systemd') return 'systemd';
    if (comm === 'init') return 'sysvinit';
    if (comm === 'openrc-init') return 'openrc';
    if (comm === 'runit') return 'runit';
    return comm || undefined;
  } catch {
    return undefined;
  }
}
