import { readFile } from 'node:fs/promises';

/** gone, or a zombie nobody reaped yet (PID 1 in a container may not reap) */
export async function isDead(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const st = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return st === '' || st.slice(st.lastIndexOf(')') + 2).startsWith('Z');
}
