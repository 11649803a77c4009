// The data dir lock: one process at a time may open an embedded store's dir.
// The LOCK file names its owner (pid and, on Linux, the process start time
// from /proc, so a recycled pid is not mistaken for the owner). It appears
// atomically with its content (written to a temp file, then hard-linked into
// place, which fails when LOCK exists). A LOCK whose owner is gone (crash,
// kill -9) is stale and taken over. Opening the same dir twice inside one
// process fails as well. Two processes taking over the same stale lock at the
// same instant could both succeed; nothing else can.

import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FailedPreconditionError } from '../../errors.js';

interface Owner {
  readonly pid: number;
  /** field 22 of /proc/<pid>/stat; undefined off Linux */
  readonly startTime: string | undefined;
}

export interface DirLock {
  readonly path: string;
  /** removes LOCK if it is still ours; safe to call twice */
  release(): Promise<void>;
}

async function procStat(pid: number): Promise<{ state: string; startTime: string } | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], startTime: fields[19] };
}

async function isAlive(owner: Owner): Promise<boolean> {
  if (!Number.isSafeInteger(owner.pid) || owner.pid <= 0) return false;
  const stat = await procStat(owner.pid);
  if (stat) {
    if (stat.state === 'Z' || stat.state === 'X') return false;
    return owner.startTime === undefined || stat.startTime === owner.startTime;
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): Owner | undefined {
  try {
    const o = JSON.parse(text) as { pid?: unknown; startTime?: unknown };
    if (typeof o.pid !== 'number') return undefined;
    return { pid: o.pid, startTime: typeof o.startTime === 'string' ? o.startTime : undefined };
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock on `dir` (which must exist). Rejects with
 * FailedPreconditionError when a live process holds it.
 */
export async function lockDataDir(dir: string): Promise<DirLock> {
  const path = join(dir, 'LOCK');
  const me: Owner = { pid: process.pid, startTime: (await procStat(process.pid))?.startTime };
  const content = `${JSON.stringify({ ...me, token: randomBytes(8).toString('hex') })}\n`;
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, content);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(tmp, path);
        let released = false;
        return {
          path,
          async release() {
            if (released) return;
            released = true;
            const now = await readFile(path, 'utf8').catch(() => undefined);
            if (now === content) await unlink(path).catch(() => undefined);
          },
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const owner = parseOwner(text);
      if (owner && (await isAlive(owner))) {
        const who = owner.pid === process.pid ? `this process (${owner.pid})` : `process ${owner.pid}`;
        throw new FailedPreconditionError(`embedded store: data dir ${dir} is in use by ${who} (lock file ${path})`);
      }
      await unlink(path).catch(() => undefined);
    }
    throw new FailedPreconditionError(`embedded store: could not take the lock ${path}`);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}
