// flotctl as a user runs it: a separate process against a running daemon.
// Output formats, idempotent apply, errors that name file/line/field, and
// exit codes (0 ok, 1 failed request, 2 usage).

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { runCli, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { assertEventually } from '../helpers/eventually.js';

let d: TestDaemon;
let dir: string;
const cli = (...args: string[]) => runCli(['--server', d.address, ...args]);

before(async () => {
  d = await startTestDaemon({ name: 'cli-node', labels: { role: 'cli' } });
  dir = await mkdtemp(join(tmpdir(), 'flotctl-'));
});
after(async () => {
  await d?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

const TB = (name: string, serial = 1) => `apiVersion: flotilla/v1alpha1
kind: TaskBook
metadata:
  name: ${name}
  labels: {app: cli}
spec:
  targets: {nodes: [cli-node]}
  strategy: {serial: ${serial}}
  steps:
    - name: hi
      command: {cmd: echo hi}
`;

describe('flotctl apply', () => {
  it('applies every example and is idempotent', async () => {
    const first = await cli('apply', '-f', 'examples/taskbooks/');
    assert.equal(first.code, 0, first.stderr);
    const lines = first.stdout.trim().split('\n');
    assert.ok(lines.length >= 15, first.stdout);
    for (const l of lines) assert.match(l, /^[a-z]+\/[a-z0-9-]+ (created|configured)$/);
    assert.match(first.stdout, /^namespace\/prod created$/m);
    assert.match(first.stdout, /^taskbook\/hello created$/m);
    const second = await cli('apply', '-f', 'examples/taskbooks/');
    assert.equal(second.code, 0, second.stderr);
    for (const l of second.stdout.trim().split('\n')) assert.match(l, / unchanged$/);
  });

  it('reports created, configured and unchanged', async () => {
    const f = join(dir, 'tb.yaml');
    await writeFile(f, TB('cli-tb'));
    assert.equal((await cli('apply', '-f', f)).stdout, 'taskbook/cli-tb created\n');
    assert.equal((await cli('apply', '-f', f)).stdout, 'taskbook/cli-tb unchanged\n');
    await writeFile(f, TB('cli-tb', 2));
    assert.equal((await cli('apply', '-f', f)).stdout, 'taskbook/cli-tb configured\n');
  });

  it('reads from stdin', async () => {
    const r = await runCli(['--server', d.address, 'apply', '-f', '-'], { stdin: TB('from-stdin') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'taskbook/from-stdin created\n');
  });

  it('names file, line and field of a bad document, applies nothing, and exits 1', async () => {
    const f = join(dir, 'web.yaml');
    await writeFile(f, `${TB('good-one')}---\n${TB('bad-one').replace('serial: 1', 'serial: lots')}`);
    const r = await cli('apply', '-f', f);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^error: ${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ spec\\.strategy\\.serial: must be a positive integer or a percentage$`, 'm'));
    const got = await cli('get', 'taskbook', 'good-one');
    assert.equal(got.code, 1, 'the good document in the same file was not applied either');
    assert.match(got.stderr, /not found/);
  });

  it('reports an unknown kind and a missing namespace clearly', async () => {
    const f = join(dir, 'odd.yaml');
    await writeFile(f, 'apiVersion: flotilla/v1alpha1\nkind: Widget\nmetadata: {name: w}\nspec: {}\n');
    const r = await cli('apply', '-f', f);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /odd\.yaml.*kind.*Widget/);
    const g = join(dir, 'ns.yaml');
    await writeFile(g, TB('lost').replace('labels: {app: cli}', 'namespace: nowhere'));
    const r2 = await cli('apply', '-f', g);
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /ns\.yaml: document 1: taskbook\/lost: .*namespace 'nowhere' not found/);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await cli('apply')).code, 2);
    assert.equal((await cli('apply', '-f', 'x', '--bogus')).code, 2);
    assert.equal((await cli('frobnicate')).code, 2);
    assert.equal((await runCli([])).code, 2);
    assert.equal((await cli('get')).code, 2);
    assert.equal((await cli('get', 'widgets')).code, 2);
    assert.equal((await cli('get', 'taskbooks', '-o', 'xml')).code, 2);
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    const long = help.stdout.split('\n').filter((l) => l.length > 120);
    assert.deepEqual(long, [], 'help lines fit 120 columns');
    for (const bad of ['foo bar', '127.0.0.1', '127.0.0.1:99999', 'http://127.0.0.1:7400']) {
      const r = await runCli(['--server', bad, 'get', 'taskbooks']);
      assert.equal(r.code, 2, bad);
      assert.equal(r.stderr, `flotctl: --server '${bad}' is not HOST:PORT (e.g. 127.0.0.1:7400 or [::1]:7400)\n`);
    }
  });

  it('exits 1 with a clear message when no daemon answers', async () => {
    const r = await runCli(['--server', '127.0.0.1:9', '--timeout', '5s', 'get', 'taskbooks']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot reach flotillad at 127\.0\.0\.1:9/);
  });
});

describe('flotctl get and describe', () => {
  it('prints an aligned table', async () => {
    const r = await cli('get', 'taskbooks');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^NAME\s+TARGETS\s+STEPS\s+SERIAL\s+AGE$/);
    // every cell starts where its column's header does (no value here has a space in it)
    const starts = [0, ...['TARGETS', 'STEPS', 'SERIAL', 'AGE'].map((h) => lines[0].indexOf(h))];
    for (const l of lines.slice(1)) {
      const cells = [...l.matchAll(/\S+/g)].map((m) => m.index);
      assert.ok(cells.every((at) => starts.includes(at)), `cells of ${JSON.stringify(l)} start at ${cells.join(',')}, columns at ${starts.join(',')}`);
    }
    assert.ok(lines.some((l) => l.startsWith('hello ')));
  });

  it('prints yaml that can be applied again unchanged', async () => {
    const r = await cli('get', 'taskbook', 'hello', '-o', 'yaml');
    assert.equal(r.code, 0, r.stderr);
    const obj = parse(r.stdout) as { kind: string; metadata: { uuid: string; resourceVersion: string } };
    assert.equal(obj.kind, 'TaskBook');
    assert.ok(obj.metadata.uuid);
    const again = await runCli(['--server', d.address, 'apply', '-f', '-'], { stdin: r.stdout });
    assert.equal(again.stdout, 'taskbook/hello unchanged\n', again.stderr);
  });

  it('prints json for one object and a list', async () => {
    const one = JSON.parse((await cli('get', 'taskbook', 'hello', '-o', 'json')).stdout) as { metadata: { name: string } };
    assert.equal(one.metadata.name, 'hello');
    const many = JSON.parse((await cli('get', 'tb', '-o', 'json')).stdout) as { kind: string; items: unknown[] };
    assert.equal(many.kind, 'List');
    assert.ok(many.items.length >= 2);
  });

  it('lists across namespaces and by label', async () => {
    const all = await cli('get', 'variables', '-A');
    assert.match(all.stdout.split('\n')[0], /^NAMESPACE\s+NAME/);
    assert.match(all.stdout, /^prod\s+/m);
    const sel = await cli('get', 'taskbooks', '-l', 'app=cli', '-o', 'name');
    assert.ok(sel.stdout.split('\n').filter(Boolean).every((l) => l.startsWith('taskbook/')), sel.stdout);
    assert.match(sel.stdout, /taskbook\/cli-tb/);
    assert.doesNotMatch(sel.stdout, /taskbook\/hello/);
  });

  it('shows wide output with labels', async () => {
    const r = await cli('get', 'taskbooks', '-o', 'wide');
    const [header, ...rows] = r.stdout.trimEnd().split('\n');
    assert.match(header, /^NAME\s+TARGETS\s+STEPS\s+SERIAL\s+AGE\s+.*LABELS$/);
    const row = rows.find((l) => l.startsWith('cli-tb '));
    assert.ok(row, r.stdout);
    assert.equal(row.slice(header.indexOf('LABELS')), 'app=cli', `the labels column: ${row}`);
  });

  it('redacts secrets in every output', async () => {
    const f = join(dir, 'secret.yaml');
    await writeFile(f, 'apiVersion: flotilla/v1alpha1\nkind: Secret\nmetadata: {name: pw}\nspec:\n  data: {password: hunter2}\n');
    assert.equal((await cli('apply', '-f', f)).code, 0);
    for (const o of ['yaml', 'json', 'wide']) {
      const r = await cli('get', 'secret', 'pw', '-o', o);
      assert.doesNotMatch(r.stdout, /hunter2/);
    }
    assert.doesNotMatch((await cli('describe', 'secret', 'pw')).stdout, /hunter2/);
  });

  it('describes an object with its metadata, spec and status', async () => {
    const r = await cli('describe', 'node', 'cli-node');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Name:\s+cli-node$/m);
    assert.match(r.stdout, /^Labels:\s+role=cli$/m);
    assert.match(r.stdout, /^Status:\n\s+addresses:/m);
    assert.match(r.stdout, /^Events:/m);
  });

  it('exits 1 for a missing object', async () => {
    const r = await cli('get', 'taskbook', 'nope');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "error: TaskBook 'default/nope' not found\n");
  });
});

describe('flotctl delete and nodes', () => {
  it('deletes by name and by file', async () => {
    const f = join(dir, 'del.yaml');
    await writeFile(f, `${TB('del-a')}---\n${TB('del-b')}`);
    await cli('apply', '-f', f);
    assert.equal((await cli('delete', 'taskbook', 'del-a')).stdout, 'taskbook/del-a deleted\n');
    const r = await cli('delete', '-f', f);
    assert.equal(r.code, 1, 'del-a is already gone');
    assert.match(r.stdout, /taskbook\/del-b deleted/);
    assert.match(r.stderr, /del\.yaml: document 1: .*not found/);
  });

  it('lists nodes with status, gossip state, leader and version', async () => {
    // the leader records its own gossip state shortly after it starts
    let r = await cli('nodes');
    await assertEventually(async () => {
      r = await cli('nodes');
      assert.match(r.stdout, /^cli-node\s+Ready\s+alive \d+s\s/m, 'gossip state recorded');
    });
    assert.equal(r.code, 0, r.stderr);
    const [header, row] = r.stdout.split('\n');
    assert.match(header, /^NAME\s+STATUS\s+GOSSIP\s+ROLE\s+VERSION\s+ADDRESS\s+OS\s+AGE$/);
    assert.match(row, /^cli-node\s+Ready\s+alive \d+s\s+leader\s+0\.0\.0-test\s+127\.0\.0\.1:\d+/);
    assert.match(r.stdout, /leader: cli-node\s+store: embedded/);
    const docs = parseAllDocuments((await cli('nodes', '-o', 'yaml')).stdout);
    assert.ok(docs.length >= 1);
  });
});
