// Runs on one daemon (embedded store), end to end through RunService and the
// real modules: first run changes, second run changes nothing, check mode
// changes nothing, step controls, handlers, runOnce export, cancel, events,
// includes from git.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { protoToResource, type ProtoObject } from '../../src/api/index.js';
import type { ResourceObject, RunStatus } from '../../src/resources/index.js';
import { Client, apply, get, list } from '../helpers/api.js';
import { startTestDaemon, runCli, type TestDaemon } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';
import { createGitRepo } from '../helpers/git-repo.js';

let d: TestDaemon;
let c: Client;
let dir: string;

before(async () => {
  d = await startTestDaemon({ name: 'runner', labels: { role: 'web' } });
  c = new Client(d.address, 30_000);
  dir = await mkdtemp(join(tmpdir(), 'flotilla-runs-'));
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
  spec: { targets: { nodes: ['runner'] }, ...spec },
});

async function start(taskBook: string, extra: Record<string, unknown> = {}): Promise<ResourceObject> {
  return protoToResource(await c.call<ProtoObject>('RunService', 'Start', { task_book: taskBook, namespace: 'default', nodes: [], check: false, diff: false, name: '', ...extra }));
}

async function finished(run: ResourceObject, timeoutMs = 30_000): Promise<ResourceObject> {
  let last = run;
  await assertEventually(
    async () => {
      last = await get(c, 'Run', run.metadata.name, 'default');
      assert.ok(['Succeeded', 'Failed', 'Cancelled'].includes((last.status as RunStatus | undefined)?.phase ?? ''), `phase ${(last.status as RunStatus | undefined)?.phase}`);
    },
    { timeoutMs },
  );
  return last;
}

const statusOf = (r: ResourceObject) => r.status as RunStatus;

describe('runs on one node', () => {
  it('converges, then changes nothing on the second run, and check mode changes nothing', async () => {
    const target = join(dir, 'hello');
    await apply(c, tb('hello-local', {
      vars: { greeting: 'hi' },
      steps: [
        { name: 'dir', file: { path: target, state: 'directory', mode: '0755' } },
        { name: 'greeting', file: { path: `${target}/greeting.txt`, template: '{{vars.greeting}} from {{node.name}}\n', mode: '0644' } },
        { name: 'marker', command: { cmd: `echo made > ${target}/marker`, creates: `${target}/marker` } },
        { name: 'report', command: { cmd: 'true', changedWhen: false } },
      ],
    }));
    const first = await finished(await start('hello-local'));
    assert.equal(statusOf(first).phase, 'Succeeded', statusOf(first).message);
    assert.deepEqual(statusOf(first).counts, { ok: 1, changed: 3, failed: 0, skipped: 0, unreachable: 0 });
    assert.equal(await readFile(`${target}/greeting.txt`, 'utf8'), 'hi from runner\n');
    const mtime = (await stat(`${target}/greeting.txt`)).mtimeMs;

    const second = await finished(await start('hello-local'));
    assert.equal(statusOf(second).phase, 'Succeeded');
    assert.equal(statusOf(second).counts!.changed, 0, 'nothing changes the second time');
    assert.equal((await stat(`${target}/greeting.txt`)).mtimeMs, mtime);

    await writeFile(`${target}/greeting.txt`, 'tampered\n');
    const check = await finished(await start('hello-local', { check: true, diff: true }));
    // the drift only: a command with changedWhen: false would run, but is not a change
    assert.equal(statusOf(check).counts!.changed, 1, 'check mode reports the drift');
    assert.equal(await readFile(`${target}/greeting.txt`, 'utf8'), 'tampered\n', 'and changes nothing');
    const logs = await c.call<{ nodes: { steps: { fields: Record<string, { stringValue?: string }> }[] }[] }>('RunService', 'Logs', { name: check.metadata.name, namespace: 'default', node: '' });
    const diffs = logs.nodes[0].steps.map((s) => s.fields.diff?.stringValue).filter(Boolean).join('');
    assert.match(diffs, /-tampered\n\+hi from runner/);
    const messages = logs.nodes[0].steps.map((s) => s.fields.message?.stringValue ?? '');
    assert.ok(messages.includes('would run: true (not a change)'), `messages: ${JSON.stringify(messages)}`);
  });

  it('runs loop items with their index, and stops a step at its timeout', async () => {
    const out = join(dir, 'indexed');
    await apply(c, tb('indexed', {
      vars: { names: ['a', 'b'] },
      steps: [
        { name: 'dir', file: { path: out, state: 'directory' } },
        { name: 'files', loop: '{{vars.names}}', file: { path: `${out}/{{index}}-{{item}}.txt`, template: '{{index}}:{{item}}\n' } },
        { name: 'too slow', timeout: '300ms', ignoreErrors: true, command: { cmd: `sleep 30; touch ${out}/slept` } },
      ],
    }));
    const run = await finished(await start('indexed'));
    assert.equal(statusOf(run).phase, 'Succeeded', statusOf(run).message);
    assert.equal(await readFile(`${out}/0-a.txt`, 'utf8'), '0:a\n');
    assert.equal(await readFile(`${out}/1-b.txt`, 'utf8'), '1:b\n');
    assert.equal(statusOf(run).counts!.failed, 1, 'the timed-out step failed (ignored)');
    const logs = await c.call<{ nodes: { steps: { fields: Record<string, { stringValue?: string }> }[] }[] }>('RunService', 'Logs', { name: run.metadata.name, namespace: 'default', node: '' });
    const slow = logs.nodes[0].steps.find((s) => s.fields.name?.stringValue === 'too slow');
    assert.equal(slow?.fields.message?.stringValue, 'timed out after 300ms', JSON.stringify(slow));
    assert.equal(existsSync(`${out}/slept`), false, 'the command was killed');
  });

  it('applies loop, when, register, notify handlers, retries and ignoreErrors', async () => {
    const out = join(dir, 'controls');
    await apply(c, tb('controls', {
      vars: { names: ['a', 'b', 'c'] },
      steps: [
        { name: 'dir', file: { path: out, state: 'directory' } },
        { name: 'files', loop: '{{vars.names}}', file: { path: `${out}/{{item}}.txt`, content: 'x\n' }, notify: ['after files'] },
        { name: 'skipped', when: '{{eq node.name "elsewhere"}}', command: { cmd: 'false' } },
        { name: 'count', command: { cmd: `ls ${out} | wc -l`, changedWhen: false }, register: 'listing' },
        { name: 'uses register', file: { path: `${out}/count`, content: 'unused', state: 'present' }, when: '{{eq (trim listing.stdout) "3"}}' },
        { name: 'flaky', retries: 2, delay: '10ms', command: { cmd: `n=$(cat ${out}/tries 2>/dev/null || echo 0); echo $((n+1)) > ${out}/tries; [ $n -ge 2 ]` } },
        { name: 'tolerated', ignoreErrors: true, command: { cmd: 'exit 3' } },
      ],
      handlers: [{ name: 'after files', command: { cmd: `echo notified >> ${out}/handler.log` } }],
    }));
    const run = await finished(await start('controls'));
    assert.equal(statusOf(run).phase, 'Succeeded', statusOf(run).message);
    for (const n of ['a', 'b', 'c']) assert.ok(existsSync(`${out}/${n}.txt`));
    assert.equal(await readFile(`${out}/handler.log`, 'utf8'), 'notified\n', 'handler ran once');
    assert.equal(await readFile(`${out}/tries`, 'utf8'), '3\n', 'retried until it passed');
    assert.ok(existsSync(`${out}/count`), 'a registered result fed a later when');
    assert.deepEqual(statusOf(run).counts, { ok: 1, changed: 5, failed: 1, skipped: 1, unreachable: 0 });
    const again = await finished(await start('controls'));
    assert.equal(await readFile(`${out}/handler.log`, 'utf8'), 'notified\n', 'no change, no handler');
    assert.equal(statusOf(again).phase, 'Succeeded');
  });

  it('fails the run on a failing step, emitting TaskFailed and RunFailed, and flotctl run --wait exits 1', async () => {
    await apply(c, tb('broken', { steps: [{ name: 'fails', command: { cmd: 'echo oops >&2; exit 7' } }, { name: 'never', command: { cmd: `touch ${dir}/never` } }] }));
    const r = await runCli(['--server', d.address, 'run', 'broken', '--wait']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /run default\/broken-\S+\s+Failed/);
    assert.match(r.stderr, /\[failed\] step 1 fails [\d.]+s: exit code 7/);
    assert.match(r.stderr, /oops/);
    assert.equal(existsSync(`${dir}/never`), false);
    const events = (await list(c, 'Event', { namespace: 'default' })).items.filter((e) => (e.spec as { involvedObject?: { name: string } }).involvedObject?.name.startsWith('broken-'));
    const reasons = events.map((e) => (e.spec as { reason: string }).reason).sort();
    assert.deepEqual(reasons, ['RunFailed', 'RunStarted', 'TaskFailed']);
  });

  it('exports a runOnce value to a Variable that later steps read', async () => {
    await apply(c, tb('token', {
      steps: [
        { name: 'make token', runOnce: true, command: { cmd: 'echo s3cr3t-token' }, export: { variable: 'join-token' } },
        { name: 'use token', file: { path: `${dir}/token.txt`, template: '{{vars.[join-token]}}\n' } },
      ],
    }));
    const run = await finished(await start('token'));
    assert.equal(statusOf(run).phase, 'Succeeded', statusOf(run).message);
    assert.equal(await readFile(`${dir}/token.txt`, 'utf8'), 's3cr3t-token\n');
    assert.deepEqual((await get(c, 'Variable', 'join-token', 'default')).spec, { value: 's3cr3t-token' });
  });

  it('in check mode exports nothing and later steps see a placeholder for the value', async () => {
    await apply(c, tb('token-check', {
      steps: [
        { name: 'make token', runOnce: true, command: { cmd: 'echo never-made' }, export: { variable: 'check-token' } },
        { name: 'use token', file: { path: `${dir}/check-token.txt`, template: '{{vars.[check-token]}}\n' } },
      ],
    }));
    const run = await finished(await start('token-check', { check: true, diff: true }));
    assert.equal(statusOf(run).phase, 'Succeeded', statusOf(run).message);
    assert.equal(existsSync(`${dir}/check-token.txt`), false, 'check mode wrote nothing');
    assert.equal((await list(c, 'Variable', { namespace: 'default' })).items.some((v) => v.metadata.name === 'check-token'), false, 'and exported nothing');
    const logs = await c.call<{ nodes: { steps: { fields: Record<string, { stringValue?: string }> }[] }[] }>('RunService', 'Logs', { name: run.metadata.name, namespace: 'default', node: '' });
    const diffs = logs.nodes[0].steps.map((s) => s.fields.diff?.stringValue).filter(Boolean).join('');
    assert.match(diffs, /\+\(exported by step 'make token' in a run that is not a check\)/);
  });

  it('cancels a run and kills the command in hand', async () => {
    await apply(c, tb('slow', { steps: [{ name: 'sleep', command: { cmd: `echo $$ > ${dir}/slow.pid; exec sleep 60` } }] }));
    const run = await start('slow');
    await assertEventually(() => assert.ok(existsSync(`${dir}/slow.pid`), 'the command has not started'));
    const pid = Number(await readFile(`${dir}/slow.pid`, 'utf8'));
    await c.call('RunService', 'Cancel', { name: run.metadata.name, namespace: 'default' });
    const done = await finished(run);
    assert.equal(statusOf(done).phase, 'Cancelled');
    await assertEventually(() => assert.throws(() => process.kill(pid, 0)), { timeoutMs: 10_000 });
  });

  it('refuses a run of a missing TaskBook and fails one that targets nothing', async () => {
    await assert.rejects(start('nope'), /TaskBook 'default\/nope' not found/);
    await apply(c, tb('nobody', { targets: { selector: 'role=nothing' }, steps: [{ command: { cmd: 'true' } }] }));
    const run = await finished(await start('nobody'));
    assert.equal(statusOf(run).phase, 'Failed');
    assert.match(statusOf(run).message!, /spec\.targets: selects no nodes/);
  });

  it('refuses a file path with .. that came from a variable', async () => {
    await apply(c, tb('sneaky', { vars: { sub: '../../etc' }, steps: [{ file: { path: `${dir}/{{vars.sub}}/x`, content: 'no' } }] }));
    const run = await finished(await start('sneaky'));
    assert.equal(statusOf(run).phase, 'Failed');
    assert.match(statusOf(run).message!, /\.\./);
  });

  it('runs steps included from git at a pinned commit, with templates from that tree', async () => {
    const repo = await createGitRepo(join(dir, 'git'));
    const commit = await repo.commit({
      'web/base.yaml': [
        'apiVersion: flotilla/v1alpha1',
        'kind: TaskBook',
        'metadata: {name: base}',
        'spec:',
        '  steps:',
        `    - name: from git`,
        `      file: {path: ${dir}/included.conf, src: tpl/site.conf.hbs}`,
      ].join('\n'),
      'web/tpl/site.conf.hbs': 'server {{node.name}} port {{vars.port}}\n{{> tpl/footer}}',
      'web/tpl/footer.hbs': '# end\n',
    }, 'first');
    await apply(c, tb('with-include', { vars: { port: 8080 }, include: [{ git: { url: repo.url, ref: 'main', path: 'web/base.yaml' } }], steps: [{ name: 'inline', command: { cmd: 'true', changedWhen: false } }] }));
    const run = await finished(await start('with-include'));
    assert.equal(statusOf(run).phase, 'Succeeded', statusOf(run).message);
    assert.equal(await readFile(`${dir}/included.conf`, 'utf8'), 'server runner port 8080\n# end\n');
    assert.deepEqual(statusOf(run).includes, [{ url: repo.url, ref: 'main', path: 'web/base.yaml', commit }]);
  });
});
