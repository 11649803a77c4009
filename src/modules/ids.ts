// User and group names to numeric ids, for the file module's owner / group.
// Numbers are taken as they are; names are looked up in /etc/passwd and
// /etc/group (parsed again only when the file changed), then through
// `getent` for users and groups that come from NSS (LDAP, sssd). Nothing
// here changes the system.

import { stat, readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';

export type IdKind = 'user' | 'group';

interface Table {
  readonly key: string;
  readonly byName: ReadonlyMap<string, number>;
}

const cache = new Map<string, Table>();

async function table(file: string): Promise<ReadonlyMap<string, number>> {
  let key: string;
  try {
    const s = await stat(file);
    key = `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return new Map();
  }
  const hit = cache.get(file);
  if (hit?.key === key) return hit.byName;
  const byName = new Map<string, number>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const parts = line.split(':');
    if (parts.length < 3 || parts[0] === '' || line.startsWith('#')) continue;
    const id = Number(parts[2]);
    if (Number.isInteger(id) && !byName.has(parts[0])) byName.set(parts[0], id);
  }
  cache.set(file, { key, byName });
  return byName;
}

function getent(db: 'passwd' | 'group', name: string, signal: AbortSignal): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile('getent', [db, name], { signal, timeout: 10_000 }, (err, out) => {
      if (err) {
        resolve(undefined);
        return;
      }
      const id = Number(out.split('\n')[0]?.split(':')[2]);
      resolve(Number.isInteger(id) ? id : undefined);
    });
  });
}

/** Where names are looked up; tests point these at their own files. */
export interface IdFiles {
  readonly passwd: string;
  readonly group: string;
}

export const SYSTEM_ID_FILES: IdFiles = { passwd: '/etc/passwd', group: '/etc/group' };

/**
 * The numeric id of a user or group given as a name or a decimal number, or
 * undefined when no such name exists here. Safe to call concurrently.
 */
export async function resolveId(kind: IdKind, nameOrId: string, signal: AbortSignal, files: IdFiles = SYSTEM_ID_FILES): Promise<number | undefined> {
  if (/^\d+$/.test(nameOrId)) return Number(nameOrId);
  const id = (await table(kind === 'user' ? files.passwd : files.group)).get(nameOrId);
  if (id !== undefined) return id;
  return getent(kind === 'user' ? 'passwd' : 'group', nameOrId, signal);
}
