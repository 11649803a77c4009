// The election conformance suite against the embedded backend. An embedded
// store is single-process (one open store per data dir), so every
// "candidate's store" here is a view of one shared store whose close() is a
// no-op; the real store is closed after the file. Candidates still have their
// own leases and campaigns, which is what the election logic depends on.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

import { runElectionConformance } from '../../src/store/conformance/election-suite.js';
import { openEmbeddedStore } from '../../src/store/embedded/index.js';
import type { Store } from '../../src/store/store.js';

let dir: string | undefined;
let shared: Store | undefined;

after(async () => {
  await shared?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `store` with close() and dispose turned into no-ops */
function view(store: Store): Store {
  const noop = async () => undefined;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'close' || prop === Symbol.asyncDispose) return noop;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

runElectionConformance('embedded', {
  async open() {
    if (!shared) {
      dir = await mkdtemp(join(tmpdir(), 'flotilla-election-'));
      shared = await openEmbeddedStore({ dataDir: dir, fsync: false });
    }
    return view(shared);
  },
});
