// flotctl's run commands as a user runs them: a separate flotctl process
// (runCli) against one in-process daemon. apply -f, then run --wait (stdout
// is a pipe, not a TTY: plain progress lines, then a summary), a failing run,
// check mode with a diff, runs, logs (all nodes and one), cancel, and the
// exit codes: 0 ok, 1 a failed run or request, 2 a usage error.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseSets } from '../../cli/commands/run.js';
import { runCli, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';

const NODE = 'cli-runner';

let d: TestDaemon;
let dir: string;
const cli = (...args: string[]) => runCli(['--server', d.address, ...args]);

before(async () => {
  d = await startTestDaemon({ name: NODE });
  dir = await mkdtemp(join(tmpdir(), 'flotctl-run-'));
});
after(async () => {
  await d?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** a TaskBook document for this node with the given steps (YAML, indented under steps:) */
const book = (name: string, steps: string) => `apiVersion: flotilla/v1alpha1
kind: TaskBook
metadata:
  name: ${name}
spec:
  targets: {nodes: [${NODE}]}
  steps:
${steps}`;

/** the run name from flotctl run's first line, `run/NAME started` */
function startedName(stdout: string): string {
  const m = /^run\/(\S+) started/.exec(stdout);
  assert.ok(m, `flotctl run names the run it started: ${stdout}`);
  return m[1];
}

let helloFile = '';
let helloRun = '';
let brokenRun = '';

describe('flotctl apply and run --wait', () => {
  it('applies a TaskBook from a file and runs it with plain progress lines and a summary', async () => {
    const out = join(dir, 'hello');
    helloFile = join(out, 'greeting.txt');
    const f = join(dir, 'hello.yaml');
    await writeFile(
      f,
      book(
        'cli-hello',
        [
          '    - name: write greeting',
          `      file: {path: ${helloFile}, content: "hello from flotctl\\n"}`,
          '    - name: say hi',
          `      command: {cmd: "echo hi from {{node.name}}; touch ${out}/ran"}`,
          '',
        ].join('\n'),
      ),
    );
    const applied = await cli('apply', '-f', f);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(applied.stdout, 'taskbook/cli-hello created\n');

    const r = await cli('run', 'cli-hello', '--wait');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    helloRun = startedName(r.stdout);
    assert.match(helloRun, /^cli-hello-[a-z0-9]+$/);
    // not a TTY: no cursor movement, one timestamped line per change of the node's state or step
    assert.equal(r.stdout.includes('\x1b['), false, 'no terminal escapes');
    const progress = r.stdout.split('\n').filter((l) => /^\d\d:\d\d:\d\d {2}/.test(l));
    assert.ok(progress.length >= 1, `progress lines: ${r.stdout}`);
    for (const l of progress) assert.match(l, new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ${NODE}  (Pending|Running|Succeeded)(  step [12] (write greeting|say hi))?$`));
    assert.match(r.stdout, new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ${NODE}  Succeeded  step 2 say hi$`, 'm'), 'the last progress line: the node succeeded after step 2');
    // the summary: a node table, the headline with the run's name and phase, and the counts
    assert.match(r.stdout, /^NODE\s+STATE\s+STEP\s+OK\s+CHANGED\s+FAILED\s+SKIPPED\s+MESSAGE$/m);
    assert.match(r.stdout, new RegExp(`^${NODE}\\s+Succeeded\\s+2 say hi\\s+0\\s+2\\s+0\\s+0$`, 'm'));
    assert.match(r.stdout, new RegExp(`^run default/${esc(helloRun)}  Succeeded  [\\d.]+s  succeeded on 1 node$`, 'm'));
    assert.match(r.stdout, /^tasks: 0 ok, 2 changed, 0 failed, 0 skipped, 0 unreachable$/m);
    assert.equal(r.stderr, '');
    assert.equal(await readFile(helloFile, 'utf8'), 'hello from flotctl\n');
    assert.ok(existsSync(join(out, 'ran')), 'the command step ran');
  });

  it('exits 1 on a failing run, with a summary naming the failed step and its message', async () => {
    const f = join(dir, 'broken.yaml');
    await writeFile(
      f,
      book(
        'cli-broken',
        [
          '    - name: explode',
          '      command: {cmd: "echo kaboom >&2; exit 3"}',
          '    - name: never',
          `      command: {cmd: "touch ${dir}/never"}`,
          '',
        ].join('\n'),
      ),
    );
    assert.equal((await cli('apply', '-f', f)).stdout, 'taskbook/cli-broken created\n');
    const r = await cli('run', 'cli-broken', '--wait');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    brokenRun = startedName(r.stdout);
    assert.match(r.stdout, new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ${NODE}  Failed  step 1 explode  exit code 3$`, 'm'));
    assert.match(
      r.stdout,
      new RegExp(`^run default/${esc(brokenRun)}  Failed  [\\d.]+s  1 of 1 nodes failed, more than maxFailPercentage 0 allows \\(${NODE}: step 'explode' failed: exit code 3\\)$`, 'm'),
    );
    assert.match(r.stdout, /^tasks: 0 ok, 0 changed, 1 failed, 0 skipped, 0 unreachable$/m);
    // the failures go to stderr: the node, the step with its message, and the command's stderr
    assert.match(r.stderr, new RegExp(`^== ${NODE}: Failed \\(exit code 3\\)$`, 'm'));
    assert.match(r.stderr, /^ {2}\[failed\] step 1 explode [\d.]+s: exit code 3$/m);
    assert.match(r.stderr, /^ {4}kaboom$/m);
    assert.equal(existsSync(join(dir, 'never')), false, 'no step ran after the failure');
  });

  it('check mode with --diff prints a unified diff and changes nothing', async () => {
    assert.ok(helloFile, 'the first test wrote the greeting');
    await writeFile(helloFile, 'old line\n');
    await rm(join(dir, 'hello', 'ran'));
    const r = await cli('run', 'cli-hello', '--check', '--diff', '--wait');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^run\/cli-hello-\S+ started \(check mode: nothing will change\)$/m);
    assert.match(r.stdout, /^tasks: 0 ok, 2 changed, 0 failed, 0 skipped, 0 unreachable$/m);
    // the diff, indented under its step
    const p = esc(helloFile);
    assert.match(r.stdout, new RegExp(`^== ${NODE}$`, 'm'));
    assert.match(r.stdout, /^ {2}\[changed\] step 1 write greeting [\d.]+s: would change: content \(9 -> 19 bytes\)$/m);
    assert.match(r.stdout, new RegExp(`^ {4}--- a${p}$`, 'm'));
    assert.match(r.stdout, new RegExp(`^ {4}\\+\\+\\+ b${p}$`, 'm'));
    assert.match(r.stdout, /^ {4}@@ -1,1 \+1,1 @@$/m);
    assert.match(r.stdout, /^ {4}-old line$/m);
    assert.match(r.stdout, /^ {4}\+hello from flotctl$/m);
    // nothing changed on disk
    assert.equal(await readFile(helloFile, 'utf8'), 'old line\n');
    assert.equal(existsSync(join(dir, 'hello', 'ran')), false, 'the command did not run in check mode');
  });
});

describe('flotctl runs and logs', () => {
  it('lists the runs, newest first, with their phase', async () => {
    assert.ok(helloRun && brokenRun, 'the runs above ran');
    const r = await cli('runs');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^NAME\s+TASKBOOK\s+PHASE\s+OK\s+CHANGED\s+FAILED\s+AGE$/);
    assert.match(r.stdout, new RegExp(`^${esc(helloRun)}\\s+cli-hello\\s+Succeeded\\s+0\\s+2\\s+0\\s+\\S+$`, 'm'));
    assert.match(r.stdout, new RegExp(`^${esc(brokenRun)}\\s+cli-broken\\s+Failed\\s+0\\s+0\\s+1\\s+\\S+$`, 'm'));
    const names = lines.slice(1).map((l) => l.split(/\s+/)[0]);
    assert.equal(names.length, 3, `three runs so far: ${r.stdout}`);
    assert.ok(names.indexOf(brokenRun) < names.indexOf(helloRun), `newest first: ${names.join(', ')}`);
    const names2 = await cli('runs', '-o', 'name');
    assert.equal(names2.code, 0, names2.stderr);
    assert.match(names2.stdout, new RegExp(`^run/${esc(helloRun)}$`, 'm'));
  });

  it('prints the per-step log of a run, for all nodes and for one', async () => {
    const all = await cli('logs', helloRun);
    assert.equal(all.code, 0, all.stderr);
    const expected = new RegExp(
      [
        `^== ${NODE}: Succeeded`,
        ' {2}\\[changed\\] step 1 write greeting [\\d.]+s: (create parent directories \\S+; )?create file \\(19 bytes, mode 0644\\)',
        ' {2}\\[changed\\] step 2 say hi [\\d.]+s: exit code 0',
        ' {4}stdout:',
        ` {6}hi from ${NODE}`,
        '$',
      ].join('\\n'),
    );
    assert.match(all.stdout, expected);
    const one = await cli('logs', helloRun, '--node', NODE);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, expected);

    const failed = await cli('logs', brokenRun, '-n', 'default');
    assert.equal(failed.code, 0, failed.stderr);
    assert.match(failed.stdout, new RegExp(`^== ${NODE}: Failed \\(exit code 3\\)\\n {2}\\[failed\\] step 1 explode [\\d.]+s: exit code 3\\n {4}stderr:\\n {6}kaboom\\n$`));

    const nobody = await cli('logs', helloRun, '--node', 'elsewhere');
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, new RegExp(`^error: node 'elsewhere' in Run 'default/${esc(helloRun)}' not found$`, 'm'));
  });
});

describe('flotctl cancel', () => {
  it('cancels a run with a long sleep step: it ends Cancelled and the sleep is killed', async () => {
    const pidFile = join(dir, 'slow.pid');
    const f = join(dir, 'slow.yaml');
    await writeFile(f, book('cli-slow', ['    - name: nap', `      command: {cmd: "echo $$ > ${pidFile}; exec sleep 300"}`, ''].join('\n')));
    assert.equal((await cli('apply', '-f', f)).code, 0);
    // a second flotctl waits on the run while this one cancels it
    const waiting = cli('run', 'cli-slow', '--name', 'cli-slow-1', '--wait');
    await assertEventually(() => assert.ok(existsSync(pidFile), 'the sleep has not started'), { timeoutMs: 30_000 });
    const pid = Number(await readFile(pidFile, 'utf8'));
    const c = await cli('cancel', 'cli-slow-1');
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stdout, 'run/cli-slow-1 cancelling\n');
    const w = await waiting;
    assert.equal(w.code, 1, w.stdout + w.stderr);
    assert.match(w.stdout, /^run\/cli-slow-1 started$/m);
    assert.match(w.stdout, /^run default\/cli-slow-1 {2}Cancelled {2}[\d.]+s {2}cancelled$/m);
    await assertEventually(() => assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, 'the sleep is still alive'), { timeoutMs: 15_000 });
    const runs = await cli('runs');
    assert.match(runs.stdout, /^cli-slow-1\s+cli-slow\s+Cancelled\s/m);
    // a finished run cannot be cancelled again
    const again = await cli('cancel', 'cli-slow-1');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^error: Run 'default\/cli-slow-1' already finished \(Cancelled\)$/m);
  });
});

describe('flotctl run errors', () => {
  it('exits 1 with a clear message for an unknown TaskBook or run', async () => {
    const r = await cli('run', 'no-such-book', '--wait');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^error: TaskBook 'default\/no-such-book' not found$/m);
    const ns = await cli('run', 'cli-hello', '-n', 'elsewhere');
    assert.equal(ns.code, 1);
    assert.match(ns.stderr, /^error: TaskBook 'elsewhere\/cli-hello' not found$/m);
    const logs = await cli('logs', 'no-such-run');
    assert.equal(logs.code, 1);
    assert.match(logs.stderr, /^error: Run 'default\/no-such-run' not found$/m);
    const cancel = await cli('cancel', 'no-such-run');
    assert.equal(cancel.code, 1);
    assert.match(cancel.stderr, /^error: Run 'default\/no-such-run' not found$/m);
  });

  it('exits 2 on bad flags and arguments, with the usage line', async () => {
    const countRuns = async () => (await cli('runs', '-o', 'name')).stdout.split('\n').filter(Boolean).length;
    const runsBefore = await countRuns();
    const cases: [string[], RegExp][] = [
      [['run'], /^flotctl run: TASKBOOK is required$/m],
      [['run', 'cli-hello', '--bogus'], /^flotctl run: Unknown option '--bogus'/m],
      [['run', 'cli-hello', 'extra'], /^flotctl run: unexpected argument 'extra'$/m],
      [['run', 'cli-hello', '--set', 'novalue'], /^flotctl run: --set 'novalue' is not key=value$/m],
      [['run', 'cli-hello', '--set', '1x=2'], /^flotctl run: --set: '1x' is not a variable name$/m],
      [['run', 'cli-hello', '--name'], /^flotctl run: Option '--name <value>' argument missing/m],
      [['runs', 'extra'], /^flotctl runs: unexpected argument 'extra'$/m],
      [['runs', '-o', 'xml'], /^flotctl runs: -o must be one of yaml, json, wide, name; got 'xml'$/m],
      [['logs'], /^flotctl logs: RUN is required$/m],
      [['logs', 'x', '--node'], /^flotctl logs: Option '--node <value>' argument missing/m],
      [['cancel'], /^flotctl cancel: RUN is required$/m],
      [['cancel', 'a', 'b'], /^flotctl cancel: unexpected argument 'b'$/m],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `flotctl ${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, message, `flotctl ${args.join(' ')}`);
      assert.match(r.stderr, new RegExp(`^usage: flotctl ${args[0]} `, 'm'), `flotctl ${args.join(' ')} prints the usage line`);
      assert.equal(r.stdout, '', `flotctl ${args.join(' ')} prints nothing on stdout`);
    }
    // none of those started a run
    assert.equal(await countRuns(), runsBefore, 'no run was started');
  });
});

describe('--set values', () => {
  it('reads numbers, booleans, null and lists as YAML does, everything else as a string', () => {
    const sets = parseSets(['count=200', 'neg=-3', 'ratio=0.25', 'octal=007', 'exp=1e3', 'on=true', 'off=False', 'none=null', 'list=[1, a]', 'path=/var/tmp/x', 'word=yes', 'empty=', 'a.b.c=deep', 'ver=1.2.3', 'huge=12345678901234567890']);
    assert.deepEqual(sets, {
      count: 200,
      neg: -3,
      ratio: 0.25,
      octal: 7,
      exp: 1000,
      on: true,
      off: false,
      none: 'null',
      list: [1, 'a'],
      path: '/var/tmp/x',
      word: 'yes',
      empty: '',
      a: { b: { c: 'deep' } },
      ver: '1.2.3',
      huge: 12345678901234567000,
    });
  });
});
