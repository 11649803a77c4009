// Runs the store conformance suite against the embedded backend: every test
// gets a fresh data dir, and reopen() opens the latest one again.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { runStoreConformance } from '../../src/store/conformance/suite.js';
import { openEmbeddedStore } from '../../src/store/embedded/index.js';

const dirs: string[] = [];
void after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

runStoreConformance('embedded', {
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-conformance-'));
    dirs.push(dir);
    return openEmbeddedStore({ dataDir: dir });
  },
  async reopen() {
    return openEmbeddedStore({ dataDir: dirs[dirs.length - 1] });
  },
});
