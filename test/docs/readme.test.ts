// The README's reference sections stay true: every flotillad flag, every
// flotctl command and every kind's example file is documented there.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { FIELDS } from '../../src/config/schema.js';
import { KINDS } from '../../src/resources/index.js';
import { usage } from '../../cli/main.js';
import { REPO } from '../helpers/daemon.js';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

it('documents every flotillad flag', () => {
  for (const f of FIELDS) if (f.flag) assert.ok(readme.includes(`--${f.flag}`), `--${f.flag} in README`);
});

it('documents every flotctl command', () => {
  const commands = [...usage().matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
  assert.ok(commands.length >= 5);
  for (const c of commands) assert.match(readme, new RegExp(`^${c} `, 'm'), `flotctl ${c} in README`);
});

it('links an existing example for every kind', () => {
  for (const k of KINDS) assert.match(readme, new RegExp(`[|,] ${k.kind}[ ,|]`), `${k.kind} in the kinds table`);
  for (const m of readme.matchAll(/\]\((examples\/taskbooks\/[^)]+)\)/g)) assert.ok(existsSync(join(REPO, m[1])), `${m[1]} exists`);
});

it('has its performance table filled in', () => {
  assert.doesNotMatch(readme, /PERF_TABLE/);
});
