// Hostile input through real runs on one daemon (embedded store): TaskBooks
// from git that try to read outside their tree, partials that include
// themselves, a command that prints 100 MB, templates over the source and
// output caps, and loops over enormous lists. Each one must end in a clear
// error (the run Failed, its message naming the step and the check that
// fired) or a cap, and the daemon must keep serving: after each kind of case
// ClusterService answers and a plain run still succeeds.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fromStruct, protoToResource, type ClusterInfo, type ProtoObject, type ProtoStruct } from '../../src/api/index.js';
import type { ResourceObject, RunStatus } from '../../src/resources/index.js';
import type { StepLog } from '../../src/runs/index.js';
import { Client, apply, get, rejectsWith } from '../helpers/api.js';
import { runCli, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';
import { createGitRepo, type GitRepo } from '../helpers/git-repo.js';

const NODE = 'hostile';
const MiB = 1024 * 1024;

let d: TestDaemon;
let c: Client;
let dir: string;
let repo: GitRepo;

before(async () => {
  d = await startTestDaemon({ name: NODE });
  c = new Client(d.address, 60_000);
  dir = await mkdtemp(join(tmpdir(), 'flotilla-hostile-'));
  repo = await createGitRepo(join(dir, 'git'));
});
after(async () => {
  c?.close();
  await d?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

const tb = (name: string, spec: Record<string, unknown>): ResourceObject => ({
  apiVersion: 'flotilla/v1alpha1',
  kind: 'TaskBook',
  metadata: { name, namespace: 'default' },
  spec: { targets: { nodes: [NODE] }, ...spec },
});

/** a TaskBook file for a git tree: the steps given as JSON (valid YAML flow style) */
const tbFile = (name: string, steps: unknown[]): string =>
  ['apiVersion: flotilla/v1alpha1', 'kind: TaskBook', `metadata: {name: ${name}}`, 'spec:', `  steps: ${JSON.stringify(steps)}`, ''].join('\n');

const statusOf = (r: ResourceObject) => (r.status ?? {}) as RunStatus;

async function start(taskBook: string): Promise<ResourceObject> {
  return protoToResource(await c.call<ProtoObject>('RunService', 'Start', { task_book: taskBook, namespace: 'default', nodes: [], check: false, diff: false, name: '' }));
}

async function finished(run: ResourceObject, timeoutMs = 60_000): Promise<ResourceObject> {
  let last = run;
  await assertEventually(
    async () => {
      last = await get(c, 'Run', run.metadata.name, 'default');
      const phase = statusOf(last).phase ?? '';
      assert.ok(['Succeeded', 'Failed', 'Cancelled'].includes(phase), `run ${run.metadata.name} is still ${phase || 'Pending'}: ${statusOf(last).message ?? ''}`);
    },
    { timeoutMs, intervalMs: 50 },
  );
  return last;
}

async function stepLogs(run: ResourceObject): Promise<StepLog[]> {
  const res = await c.call<{ nodes: { node: string; steps: ProtoStruct[] }[] }>('RunService', 'Logs', { name: run.metadata.name, namespace: 'default', node: '' });
  const mine = res.nodes.find((n) => n.node === NODE);
  return (mine?.steps ?? []).map((s) => fromStruct(s) as unknown as StepLog);
}

/**
 * Applies `book`, runs it, and checks that the run failed at step `step`
 * with a step message matching `message`; the run's own message must name
 * the step and carry the same text. Returns the step's message.
 */
async function expectFailure(book: ResourceObject, step: string, message: RegExp): Promise<string> {
  await apply(c, book);
  const run = await finished(await start(book.metadata.name));
  const st = statusOf(run);
  assert.equal(st.phase, 'Failed', `${book.metadata.name}: ${st.phase}: ${st.message ?? ''}`);
  assert.match(st.message ?? '', message, `run message: ${st.message ?? ''}`);
  assert.ok((st.message ?? '').includes(`step '${step}' failed`), `the run message names the step: ${st.message ?? ''}`);
  const failed = (await stepLogs(run)).filter((s) => s.outcome === 'failed');
  assert.equal(failed.length, 1, `one failed step: ${JSON.stringify(failed)}`);
  assert.equal(failed[0].name, step);
  assert.match(failed[0].message ?? '', message, `step message: ${failed[0].message ?? ''}`);
  return failed[0].message!;
}

/** step messages a test below checks for the template's name */
let evilPartialMsg = '';
let hugeSrcMsg = '';

let pings = 0;
/** the daemon still serves: ClusterService answers and a plain run succeeds */
async function stillServing(): Promise<void> {
  const info = await c.call<ClusterInfo>('ClusterService', 'Info', {});
  assert.equal(info.leader, NODE, `cluster info: ${JSON.stringify(info)}`);
  const marker = join(dir, `ping-${++pings}`);
  await apply(c, tb('ping', { steps: [{ name: 'ping', command: { cmd: `touch ${marker}` } }] }));
  const run = await finished(await start('ping'));
  assert.equal(statusOf(run).phase, 'Succeeded', statusOf(run).message);
  assert.ok(existsSync(marker), 'the ping run ran its command');
}

describe('hostile TaskBooks from git cannot read outside their tree', () => {
  it('refuses src: ../../etc/passwd in an included TaskBook and writes nothing', async () => {
    const target = join(dir, 'stolen-src');
    await repo.commit({ 'web/evil-src.yaml': tbFile('evil-src', [{ name: 'steal', file: { path: target, src: '../../etc/passwd' } }]) }, 'evil src');
    await apply(c, tb('evil-src', { include: [{ git: { url: repo.url, ref: 'main', path: 'web/evil-src.yaml' } }] }));
    const run = await finished(await start('evil-src'));
    const st = statusOf(run);
    assert.equal(st.phase, 'Failed', st.message);
    // refused while the included file is read: the file, the field and the rule
    assert.match(st.message ?? '', /web\/evil-src\.yaml@[0-9a-f]{12}.*spec\.steps\[0\]\.file\.src: must not contain '\.\.' components/);
    assert.equal(existsSync(target), false, 'nothing was written');
    await stillServing();
  });

  it('refuses a src that a variable points outside the tree', async () => {
    const target = join(dir, 'stolen-var');
    await repo.commit({ 'web/evil-var.yaml': tbFile('evil-var', [{ name: 'steal', file: { path: target, src: '{{vars.up}}/etc/passwd' } }]) }, 'evil var');
    const msg = await expectFailure(
      tb('evil-var', { vars: { up: '../../..' }, include: [{ git: { url: repo.url, ref: 'main', path: 'web/evil-var.yaml' } }] }),
      'steal',
      /spec\.steps\[0\]\.file\.src: must not contain '\.\.' segments \(got '\.\.\/\.\.\/\.\.\/etc\/passwd'\)/,
    );
    assert.match(msg, /^include\[0\] \(web\/evil-var\.yaml@[0-9a-f]{12}\)/, 'the message says which included file');
    assert.equal(existsSync(target), false, 'nothing was written');
    await stillServing();
  });

  it('refuses a partial {{> ../../../etc/passwd}} in a template from the tree', async () => {
    const target = join(dir, 'stolen-partial');
    await repo.commit(
      {
        'web/evil-partial.yaml': tbFile('evil-partial', [{ name: 'steal', file: { path: target, src: 'tpl/evil.hbs' } }]),
        'web/tpl/evil.hbs': 'before\n{{> ../../../etc/passwd}}\nafter\n',
      },
      'evil partial',
    );
    evilPartialMsg = await expectFailure(
      tb('evil-partial', { include: [{ git: { url: repo.url, ref: 'main', path: 'web/evil-partial.yaml' } }] }),
      'steal',
      /line 2: partial '\.\.\/\.\.\/\.\.\/etc\/passwd' must not contain '\.\.' components \(a partial must be a file inside the TaskBook's tree\)/,
    );
    assert.equal(existsSync(target), false, 'nothing was written');
    await stillServing();
  });

  it('refuses the same partial in an inline template of an included TaskBook', async () => {
    const target = join(dir, 'stolen-inline');
    await repo.commit(
      { 'web/evil-inline.yaml': tbFile('evil-inline', [{ name: 'steal', file: { path: target, template: 'x {{> ../../../etc/passwd}}' } }]) },
      'evil inline partial',
    );
    await expectFailure(
      tb('evil-inline', { include: [{ git: { url: repo.url, ref: 'main', path: 'web/evil-inline.yaml' } }] }),
      'steal',
      /partial '\.\.\/\.\.\/\.\.\/etc\/passwd' must not contain '\.\.' components/,
    );
    assert.equal(existsSync(target), false, 'nothing was written');
  });

  it('refuses a symlink in the tree that points outside it', async () => {
    const target = join(dir, 'stolen-link');
    await repo.commit(
      {
        'web/evil-link.yaml': tbFile('evil-link', [{ name: 'steal', file: { path: target, src: 'tpl/passwd.hbs' } }]),
        'web/tpl/passwd.hbs': { symlink: '../../../../../../etc/passwd' },
      },
      'evil symlink',
    );
    await expectFailure(
      tb('evil-link', { include: [{ git: { url: repo.url, ref: 'main', path: 'web/evil-link.yaml' } }] }),
      'steal',
      /symlink 'web\/tpl\/passwd\.hbs' points outside the repository tree/,
    );
    assert.equal(existsSync(target), false, 'nothing was written');
    await stillServing();
  });
});

describe('hostile templates', () => {
  it('fails cleanly on a partial that includes itself', async () => {
    const target = join(dir, 'recursive');
    await repo.commit(
      {
        'web/recursive.yaml': tbFile('recursive', [{ name: 'recurse', file: { path: target, src: 'tpl/outer.hbs' } }]),
        'web/tpl/outer.hbs': 'outer {{> tpl/self}}\n',
        'web/tpl/self.hbs': 'again {{> tpl/self}}',
      },
      'recursive partial',
    );
    await expectFailure(
      tb('recursive', { include: [{ git: { url: repo.url, ref: 'main', path: 'web/recursive.yaml' } }] }),
      'recurse',
      /tpl\/outer\.hbs: partial 'tpl\/self': partials nest deeper than 32 levels \(does a partial include itself\?\)/,
    );
    assert.equal(existsSync(target), false, 'nothing was written');
    await stillServing();
  });

  it('fails cleanly on two partials that include each other', async () => {
    const target = join(dir, 'mutual');
    await repo.commit(
      {
        'web/mutual.yaml': tbFile('mutual', [{ name: 'ping-pong', file: { path: target, template: '{{> tpl/ping}}' } }]),
        'web/tpl/ping.hbs': 'ping {{> tpl/pong}}',
        'web/tpl/pong.hbs': 'pong {{> tpl/ping}}',
      },
      'mutual partials',
    );
    await expectFailure(
      tb('mutual', { include: [{ git: { url: repo.url, ref: 'main', path: 'web/mutual.yaml' } }] }),
      'ping-pong',
      /spec\.steps\[0\]\.file\.template: partial 'tpl\/p[io]ng': partials nest deeper than 32 levels/,
    );
    assert.equal(existsSync(target), false, 'nothing was written');
  });

  it('refuses at apply an inline template over 1 MiB (the object limit)', async () => {
    const big = `{{node.name}}\n${'x'.repeat(MiB + 1024)}`;
    await rejectsWith(apply(c, tb('huge-inline', { steps: [{ name: 'huge', file: { path: join(dir, 'huge-inline'), template: big } }] })), 'INVALID_ARGUMENT', /object is too large: \d+ bytes as JSON, the limit is 1048576 bytes \(1 MiB\)/);
    await rejectsWith(get(c, 'TaskBook', 'huge-inline', 'default'), 'NOT_FOUND');
    await stillServing();
  });

  it('refuses a template source from the tree over 1 MiB', async () => {
    const target = join(dir, 'huge-src');
    await repo.commit(
      {
        'web/huge-src.yaml': tbFile('huge-src', [{ name: 'huge source', file: { path: target, src: 'tpl/huge.hbs' } }]),
        'web/tpl/huge.hbs': `{{node.name}}\n${'x'.repeat(MiB + 1024)}\n`,
      },
      'huge template',
    );
    hugeSrcMsg = await expectFailure(tb('huge-src', { include: [{ git: { url: repo.url, ref: 'main', path: 'web/huge-src.yaml' } }] }), 'huge source', /the template is larger than 1 MiB/);
    assert.equal(existsSync(target), false, 'nothing was written');
    await stillServing();
  });

  it('refuses a template whose output passes 16 MiB, naming the field', async () => {
    const target = join(dir, 'huge-output');
    // 10,000 iterations x 2,000 bytes = 20 MB from a 2 KB template
    const template = `{{#each (range 10000)}}${'y'.repeat(1999)}\n{{/each}}`;
    await expectFailure(
      tb('huge-output', { steps: [{ name: 'blow up', file: { path: target, template } }] }),
      'blow up',
      /spec\.steps\[0\]\.file\.template: the output is larger than 16 MiB/,
    );
    assert.equal(existsSync(target), false, 'nothing was written');
    await stillServing();
  });

  it('refuses a template that loops more than a million times', async () => {
    const target = join(dir, 'spin');
    await expectFailure(
      tb('spin', { steps: [{ name: 'spin', file: { path: target, template: '{{#each (range 100000)}}{{#each (range 100000)}}{{/each}}{{/each}}' } }] }),
      'spin',
      /spec\.steps\[0\]\.file\.template: line 1: the template runs more than 1000000 loop iterations and partial calls/,
    );
    assert.equal(existsSync(target), false, 'nothing was written');
  });

  it('refuses a range beyond its cap inside a template', async () => {
    await expectFailure(
      tb('big-range', { steps: [{ name: 'range', file: { path: join(dir, 'big-range'), template: '{{#each (range 100000000)}}x{{/each}}' } }] }),
      'range',
      /spec\.steps\[0\]\.file\.template: line 1: range: expected an integer from 0 to 100000 \(got number 100000000\)/,
    );
  });

  it('names the template file when its partials cannot be loaded', () => {
    assert.ok(evilPartialMsg.includes('tpl/evil.hbs'), `the escaping partial's message names tpl/evil.hbs: ${evilPartialMsg}`);
    assert.ok(hugeSrcMsg.includes('tpl/huge.hbs'), `the oversized template's message names tpl/huge.hbs: ${hugeSrcMsg}`);
  });
});

describe('hostile loops', () => {
  it('refuses a loop over range 100,000,000 (beyond the range cap)', async () => {
    const out = join(dir, 'loop-range');
    await expectFailure(
      tb('loop-range', { steps: [{ name: 'many', loop: '{{toJson (range 100000000)}}', command: { cmd: `echo {{item}} >> ${out}` } }] }),
      'many',
      /spec\.steps\[0\]\.loop: line 1: range: expected an integer from 0 to 100000 \(got number 100000000\)/,
    );
    assert.equal(existsSync(out), false, 'no item ran');
    await stillServing();
  });

  it('refuses a loop list of 100,000 items (beyond the 10,000-item cap), as a list or as JSON text', async () => {
    const out = join(dir, 'loop-items');
    await expectFailure(
      tb('loop-list', { steps: [{ name: 'list', loop: '{{range 100000}}', command: { cmd: `echo {{item}} >> ${out}` } }] }),
      'list',
      /spec\.steps\[0\]\.loop: renders 100000 items; at most 10000 are allowed/,
    );
    await expectFailure(
      tb('loop-json', { steps: [{ name: 'json', loop: '{{toJson (range 100000)}}', command: { cmd: `echo {{item}} >> ${out}` } }] }),
      'json',
      /spec\.steps\[0\]\.loop: renders 100000 items; at most 10000 are allowed/,
    );
    assert.equal(existsSync(out), false, 'no item ran');
    await stillServing();
  });
});

describe('a command that prints 100 MB', () => {
  const TAIL = 64 * 1024;
  let flood: ResourceObject | undefined;
  let floodSteps: StepLog[] = [];

  it('finishes, and the run keeps only a capped tail of its output', async () => {
    await apply(
      c,
      tb('flood', {
        steps: [{ name: 'flood', command: { cmd: "head -c 100000000 /dev/zero | tr '\\0' a; echo; echo END-OF-FLOOD; head -c 50000000 /dev/zero | tr '\\0' b >&2" } }],
      }),
    );
    flood = await finished(await start('flood'), 120_000);
    assert.equal(statusOf(flood).phase, 'Succeeded', statusOf(flood).message);
    floodSteps = await stepLogs(flood);
    const [step] = floodSteps;
    assert.equal(step.outcome, 'changed', step.message);
    assert.equal(step.rc, 0);
    const stdout = step.stdout ?? '';
    const stderr = step.stderr ?? '';
    // a tail of at most 64 KiB (plus a "… N bytes dropped" line), ending with what came last
    assert.ok(stdout.length <= TAIL + 64, `stdout kept ${stdout.length} characters`);
    assert.ok(stderr.length <= TAIL + 64, `stderr kept ${stderr.length} characters`);
    assert.ok(stdout.length >= TAIL - 64, `stdout kept a full tail, ${stdout.length} characters`);
    assert.ok(stdout.endsWith('aaaa\nEND-OF-FLOOD\n'), `stdout ends with the last line: ${JSON.stringify(stdout.slice(-40))}`);
    assert.ok(/^(… \d+ bytes dropped\n)?a+\nEND-OF-FLOOD\n$/.test(stdout), `stdout is the tail of the output: ${JSON.stringify(stdout.slice(0, 60))}`);
    assert.ok(/^(… \d+ bytes dropped\n)?b+$/.test(stderr), `stderr is the tail of the output: ${JSON.stringify(stderr.slice(0, 60))}`);

    // flotctl logs prints that tail, not 150 MB
    const cli = await runCli(['--server', d.address, 'logs', flood.metadata.name]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.ok(cli.stdout.length < 3 * TAIL, `flotctl logs printed ${cli.stdout.length} characters`);
    assert.ok(cli.stdout.startsWith(`== ${NODE}: Succeeded\n  [changed] step 1 flood `), `flotctl logs header: ${JSON.stringify(cli.stdout.slice(0, 120))}`);
    assert.ok(/\n {6}END-OF-FLOOD\n {4}stderr:\n {6}(… \d+ bytes dropped\n {6})?b+\n$/.test(cli.stdout), `flotctl logs tail: ${JSON.stringify(cli.stdout.slice(-120))}`);
    await stillServing();
  });

  it('says in the log how much output was dropped', () => {
    const [step] = floodSteps;
    assert.ok(step !== undefined, 'the flood run ran');
    for (const [stream, text, total] of [
      ['stdout', step.stdout ?? '', 100_000_000 + 14],
      ['stderr', step.stderr ?? '', 50_000_000],
    ] as const) {
      const m = /^… (\d+) bytes dropped\n/.exec(text);
      assert.ok(m !== null, `${stream} starts with the dropped-bytes line: ${JSON.stringify(text.slice(0, 60))}`);
      assert.equal(Number(m[1]) + text.length - m[0].length, total, `${stream}: dropped + kept = everything printed`);
    }
  });

  it('keeps a registered output of the largest maxOutputBytes without wedging the run', async () => {
    const out = join(dir, 'registered-len');
    await apply(
      c,
      tb('flood-register', {
        // the run would otherwise stay Running for the default run timeout
        timeout: '20s',
        steps: [
          { name: 'flood 1', register: 'one', command: { cmd: "head -c 20000000 /dev/zero | tr '\\0' a", maxOutputBytes: 1_048_576 } },
          { name: 'flood 2', register: 'two', command: { cmd: "head -c 20000000 /dev/zero | tr '\\0' b", maxOutputBytes: 1_048_576 } },
          { name: 'measure', file: { path: out, template: '{{len one.stdout}} {{len two.stdout}}\n' } },
        ],
      }),
    );
    const run = await finished(await start('flood-register'), 120_000);
    const st = statusOf(run);
    assert.doesNotMatch(st.message ?? '', /timed out/, 'the run ended by itself, not by its timeout');
    // two registered outputs of 1 MiB each do not fit a node's result (MAX_RESULT_BYTES, 1,400 KiB): the second step fails saying so
    assert.equal(st.phase, 'Failed', st.message);
    assert.match(st.message ?? '', /flood 2.*too large to keep/, 'the failure names the step and the size limit');
    assert.equal(existsSync(out), false, 'the last step did not run');
    assert.deepEqual(
      (await stepLogs(run)).map((s) => s.outcome),
      ['changed', 'failed'],
    );
    await stillServing();
  });
});
