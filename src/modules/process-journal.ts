// Children that must not outlive a crashed daemon. A daemon killed with
// SIGKILL cannot kill the commands it started (each runs in its own process
// group), so they would run on and finish a step the restarted agent runs
// again. The journal notes every command's process group in a directory
// (one file per group: "<pid> <starttime>", starttime from /proc/<pid>/stat,
// so a reused pid is never mistaken for ours) and removes the note when the
// group has been waited for. On start, before any new work, reapOrphans()
// SIGKILLs the groups noted by a previous incarnation that still live.
//
// A group is ours when its leader still has the noted starttime, or when the
// leader is gone but members of the group remain (Linux does not reuse a pid
// while a process group of that id exists). Notes are written without fsync:
// a machine crash ends the children too. The window between spawn and the
// note (microseconds) is not covered. Package-manager transactions are not
// journaled on purpose: killing dpkg halfway would do more harm than letting
// it finish.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveGroupMembers } from './process.js';

/** field 22 of /proc/<pid>/stat (start time in clock ticks since boot), or undefined when gone */
function startTime(pid: number): string | undefined {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return st.slice(st.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export class ProcessJournal {
  constructor(readonly dir: string) {}

  /** notes the process group led by `pid`; the returned function removes the note */
  record(pid: number): () => void {
    const file = join(this.dir, String(pid));
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(file, `${pid} ${startTime(pid) ?? ''}\n`);
    } catch {
      // best effort: an unwritable data dir fails louder elsewhere
      return () => undefined;
    }
    return () => rmSync(file, { force: true });
  }

  /** SIGKILLs every noted group that still lives and clears the notes; returns the pids killed */
  reapOrphans(): number[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const killed: number[] = [];
    for (const name of names) {
      const file = join(this.dir, name);
      try {
        const [pidText, noted] = readFileSync(file, 'utf8').trim().split(' ');
        const pid = Number(pidText);
        if (Number.isInteger(pid) && pid > 1 && pid !== process.pid) {
          const now = startTime(pid);
          const ours = now === undefined ? (liveGroupMembers(pid) ?? []).length > 0 : noted !== undefined && noted !== '' && now === noted;
          if (ours) {
            try {
              process.kill(-pid, 'SIGKILL');
              killed.push(pid);
            } catch {
              // ended meanwhile
            }
          }
        }
      } catch {
        // unreadable note: drop it
      }
      rmSync(file, { force: true });
    }
    return killed;
  }
}
