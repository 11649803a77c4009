// The embedded store's data dir lock: one open store per dir, in this process
// or any other; a lock left behind by a dead process is taken over.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isFlotillaError } from '../../src/errors.js';
import { openEmbeddedStore } from '../../src/store/embedded/index.js';
import { tempDirs } from '../helpers/tmp.js';

const CHILD = fileURLToPath(new URL('../helpers/embedded-writer-child.ts', import.meta.url));

const newDir = tempDirs('flotilla-lock-');

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

void describe('embedded store data dir lock', () => {
  void it('refuses a second open of the same dir in this process until the first is closed', async () => {
    const dir = await newDir();
    const first = await openEmbeddedStore({ dataDir: dir });
    await assert.rejects(openEmbeddedStore({ dataDir: dir }), (err: unknown) => {
      assert.ok(isFlotillaError(err, 'FAILED_PRECONDITION'), String(err));
      assert.match(err.message, /in use by this process/);
      assert.ok(err.message.includes(dir));
      return true;
    });
    await first.close();
    assert.equal(await exists(join(dir, 'LOCK')), false, 'close removes the lock file');
    const second = await openEmbeddedStore({ dataDir: dir });
    await second.close();
  });

  void it('refuses to open a dir another live process holds, naming that process', async () => {
    const dir = await newDir();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, '0', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = once(child, 'exit');
    try {
      const lines = createInterface({ input: child.stdout });
      for await (const line of lines) if (line === 'READY') break;
      await assert.rejects(openEmbeddedStore({ dataDir: dir }), (err: unknown) => {
        assert.ok(isFlotillaError(err, 'FAILED_PRECONDITION'), String(err));
        assert.ok(err.message.includes(`process ${child.pid}`), err.message);
        return true;
      });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const store = await openEmbeddedStore({ dataDir: dir });
    assert.ok((await store.list('/k9/')).items.length >= 0);
    await store.close();
  });

  void it('takes over a lock whose owner has exited', async () => {
    const dir = await newDir();
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    await writeFile(join(dir, 'LOCK'), `${JSON.stringify({ pid: gone.pid, startTime: '1' })}\n`);
    const store = await openEmbeddedStore({ dataDir: dir });
    await store.put('/k', new Uint8Array([1]));
    await store.close();
  });

  void it('takes over a lock whose pid now belongs to a different process', { skip: !existsSync('/proc/self/stat') && 'needs /proc to tell processes apart' }, async () => {
    const dir = await newDir();
    await writeFile(join(dir, 'LOCK'), `${JSON.stringify({ pid: process.pid, startTime: 'not-this-process' })}\n`);
    const store = await openEmbeddedStore({ dataDir: dir });
    await store.close();
  });
});
