import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ProcessJournal } from '../../src/modules/index.js';
import { runProcess } from '../../src/modules/process.js';
import { systemClock } from '../../src/lib/clock.js';
import { assertEventually } from '../helpers/eventually.js';
import { tempDirs } from '../helpers/tmp.js';
import { isDead } from '../helpers/proc.js';

const newRoot = tempDirs('flotilla-journal-');


describe('ProcessJournal', () => {
  it('notes a command while it runs and forgets it once it ended', async () => {
    const dir = join(await newRoot(), 'children');
    const journal = new ProcessJournal(dir);
    const ac = new AbortController();
    const running = runProcess({ argv: ['/bin/sh', '-c', 'sleep 30'], cwd: '/', env: {}, signal: ac.signal, maxOutputBytes: 1024, clock: systemClock, journal, killGraceMs: 200 });
    await assertEventually(async () => assert.equal((await readdir(dir)).length, 1, 'no note while running'));
    ac.abort(new Error('stop'));
    await assert.rejects(running, /stop/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('kills the whole process group a crashed predecessor left running', async () => {
    const dir = join(await newRoot(), 'children');
    // a group like the one a command step starts: a shell and its child
    const child = spawn('/bin/sh', ['-c', 'sleep 30 & wait'], { detached: true, stdio: 'ignore' });
    child.unref();
    const pid = child.pid!;
    new ProcessJournal(dir).record(pid); // never released: the daemon "died"
    let grandchild: number | undefined;
    await assertEventually(async () => {
      const kids = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim();
      assert.ok(kids !== '', 'sleep not started yet');
      grandchild = Number(kids.split(' ')[0]);
    });
    const killed = new ProcessJournal(dir).reapOrphans();
    assert.deepEqual(killed, [pid]);
    await assertEventually(async () => assert.ok((await isDead(pid)) && (await isDead(grandchild!)), 'group still alive'));
    assert.deepEqual(await readdir(dir), [], 'the note is cleared');
  });

  it('leaves alone a process that reuses a noted pid', async () => {
    const dir = join(await newRoot(), 'children');
    const other = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    try {
      await mkdir(dir, { recursive: true });
      // a note for this pid from an older process (a different start time)
      await writeFile(join(dir, String(other.pid)), `${other.pid} 1\n`);
      assert.deepEqual(new ProcessJournal(dir).reapOrphans(), []);
      assert.equal(await isDead(other.pid!), false, 'an unrelated process was killed');
      assert.deepEqual(await readdir(dir), []);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('copes with a missing directory and garbage notes', async () => {
    const root = await newRoot();
    assert.deepEqual(new ProcessJournal(join(root, 'nope')).reapOrphans(), []);
    const dir = join(root, 'children');
    await mkdir(dir);
    await writeFile(join(dir, 'junk'), 'not a pid');
    await writeFile(join(dir, '1'), '1 5\n');
    assert.deepEqual(new ProcessJournal(dir).reapOrphans(), []);
    assert.deepEqual(await readdir(dir), []);
  });
});
