// Which package manager this node has, found by the binaries on PATH:
// apt (apt-get + dpkg-query), dnf (dnf + rpm), apk. PackageKit (`pkcon` with
// a running packagekitd) is detected so it can be reported, but it is NOT
// used yet: its transactions go through the same native tools, and driving
// them through pkcon would add a daemon and D-Bus between us and dpkg / rpm
// for no gain on servers. Nothing here changes the system.

import { access, constants, readdir, readFile } from 'node:fs/promises';
import type { ManagerName } from './manager.js';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** the full path of an executable `bin` on `path` (a PATH value), or undefined */
export async function findExecutable(bin: string, path = DEFAULT_PATH): Promise<string | undefined> {
  for (const dir of path.split(':')) {
    if (dir === '' || !dir.startsWith('/')) continue;
    const full = `${dir}/${bin}`;
    try {
      await access(full, constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  return undefined;
}

const REQUIRED: Record<ManagerName, readonly string[]> = {
  apt: ['apt-get', 'dpkg-query', 'apt-cache'],
  dnf: ['dnf', 'rpm'],
  apk: ['apk'],
};

/** true when every binary `manager` needs is on `path` */
export async function hasManager(manager: ManagerName, path?: string): Promise<boolean> {
  for (const bin of REQUIRED[manager]) if ((await findExecutable(bin, path)) === undefined) return false;
  return true;
}

/** the binaries a manager needs, for messages */
export function requiredBinaries(manager: ManagerName): readonly string[] {
  return REQUIRED[manager];
}

const detected = new Map<string, ManagerName | undefined>();

/** the first of apt, dnf, apk whose binaries are on `path`; cached per PATH value */
export async function detectManager(path = DEFAULT_PATH): Promise<ManagerName | undefined> {
  if (detected.has(path)) return detected.get(path);
  let found: ManagerName | undefined;
  for (const m of ['apt', 'dnf', 'apk'] as const) {
    if (await hasManager(m, path)) {
      found = m;
      break;
    }
  }
  detected.set(path, found);
  return found;
}

/** true when `pkcon` is on PATH and a packagekitd process runs (Linux /proc) */
export async function isPackageKitRunning(path = DEFAULT_PATH): Promise<boolean> {
  if ((await findExecutable('pkcon', path)) === undefined) return false;
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return false;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const comm = await readFile(`/proc/${e}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'packagekitd') return true;
  }
  return false;
}
