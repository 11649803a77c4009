// The per-kind protos and the TypeScript types generated from them are
// committed; this fails when they drift from src/resources or the protos
// (run `npm run gen` and commit the result).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { REPO } from '../helpers/daemon.js';

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out.sort();
}

async function same(expectedDir: string, actualDir: string): Promise<void> {
  const want = await files(expectedDir);
  const have = await files(actualDir);
  assert.deepEqual(have.map((f) => relative(actualDir, f)), want.map((f) => relative(expectedDir, f)), 'same file list');
  for (const f of want) {
    const rel = relative(expectedDir, f);
    assert.equal(await readFile(join(actualDir, rel), 'utf8'), await readFile(f, 'utf8'), `${rel} is up to date (npm run gen)`);
  }
}

it('matches what npm run gen produces', async () => {
  const out = await mkdtemp(join(tmpdir(), 'flotilla-gen-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/gen-proto.ts'), '--out', out], { cwd: REPO, stdio: 'pipe' });
    await same(join(out, 'proto'), join(REPO, 'proto'));
    await same(join(out, 'generated'), join(REPO, 'src/api/generated'));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
