import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, chown, lstat, mkdir, readFile, readdir, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, isFlotillaError } from '../../src/errors.js';
import type { Clock } from '../../src/lib/clock.js';
import { createFileModule, fileModule } from '../../src/modules/file.js';
import { handlebarsRender, moduleContext, runStep, treeReader } from '../helpers/module-context.js';
import { tempDirs } from '../helpers/tmp.js';

const newRoot = tempDirs('flotilla-file-');
const isRoot = process.geteuid?.() === 0;

async function modeOf(path: string): Promise<string> {
  return ((await lstat(path)).mode & 0o7777).toString(8).padStart(4, '0');
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

function invalid(fn: () => unknown, paths: string[], pattern?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${String(err)}`);
    assert.deepEqual(
      err.issues.map((i) => i.path),
      paths,
      err.message,
    );
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

describe('file module: state present', () => {
  it('creates a file with mode 0644 and parent directories, then reports no change', async () => {
    const root = await newRoot();
    const path = join(root, 'a/b/motd');
    const args = { path, content: 'hello\n' };
    const first = await runStep(fileModule, args, moduleContext());
    assert.equal(first.result.changed, true);
    assert.equal(first.result.failed, false);
    assert.deepEqual(
      first.plan.changes.map((c) => c.what),
      [`create parent directories ${root}/a, ${root}/a/b`, 'create file (6 bytes, mode 0644)'],
    );
    assert.equal(await readFile(path, 'utf8'), 'hello\n');
    assert.equal(await modeOf(path), '0644');
    assert.equal(await modeOf(join(root, 'a')), '0755');
    assert.equal(await modeOf(join(root, 'a/b')), '0755');
    assert.deepEqual(first.result.data, {
      path,
      state: 'present',
      changed: true,
      sha256: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
      size: 6,
      mode: '0644',
    });

    const second = await runStep(fileModule, args, moduleContext());
    assert.deepEqual(second.plan.changes, []);
    assert.equal(second.result.changed, false);
    assert.equal(second.result.data?.sha256, first.result.data?.sha256);
    // no temp files left behind
    assert.deepEqual(await readdir(join(root, 'a/b')), ['motd']);
  });

  it('changes nothing in check mode, for a new file and for a changed one', async () => {
    const root = await newRoot();
    const path = join(root, 'sub/new.conf');
    const r = await runStep(fileModule, { path, content: 'x\n' }, moduleContext({ check: true }));
    assert.equal(r.result.changed, true, 'check mode reports what would change');
    assert.match(r.result.message ?? '', /^would change: /);
    assert.equal(await exists(join(root, 'sub')), false);

    const existing = join(root, 'old.conf');
    await writeFile(existing, 'old\n', { mode: 0o600 });
    const before = await stat(existing);
    const c = await runStep(fileModule, { path: existing, content: 'new\n', mode: '0640' }, moduleContext({ check: true, diff: true }));
    assert.equal(c.plan.changes.length, 2);
    assert.equal(await readFile(existing, 'utf8'), 'old\n');
    assert.equal(await modeOf(existing), '0600');
    assert.equal((await stat(existing)).ino, before.ino);
    assert.equal(c.result.diff, `--- a${existing}\n+++ b${existing}\n@@ -1,1 +1,1 @@\n-old\n+new\n`);
  });

  it('produces an exact unified diff for a small change', async () => {
    const root = await newRoot();
    const path = join(root, 'app.conf');
    await writeFile(path, 'one\ntwo\nthree\nfour\n');
    const r = await runStep(fileModule, { path, content: 'one\nTWO\nthree\nfour\nfive\n' }, moduleContext({ diff: true }));
    assert.equal(r.result.changed, true);
    assert.equal(
      r.result.diff,
      [`--- a${path}`, `+++ b${path}`, '@@ -1,4 +1,5 @@', ' one', '-two', '+TWO', ' three', ' four', '+five', ''].join('\n'),
    );
    assert.deepEqual(
      r.plan.changes.map((c) => c.what),
      ['content (19 -> 24 bytes)'],
    );
  });

  it('diffs a new file against /dev/null and reports binary content as such', async () => {
    const root = await newRoot();
    const path = join(root, 'n.txt');
    const r = await runStep(fileModule, { path, content: 'a\n' }, moduleContext({ diff: true, check: true }));
    assert.equal(r.result.diff, `--- /dev/null\n+++ b${path}\n@@ -0,0 +1,1 @@\n+a\n`);
    const bin = join(root, 'b.bin');
    await writeFile(bin, Buffer.from([1, 0, 2]));
    const b = await runStep(fileModule, { path: bin, content: 'text\n' }, moduleContext({ diff: true }));
    assert.equal(b.result.diff, `--- a${bin}\n+++ b${bin}\nBinary files differ\n`);
  });

  it('caps a large diff at 256 KiB with a note', async () => {
    const root = await newRoot();
    const path = join(root, 'big.txt');
    const content = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n') + '\n';
    const r = await runStep(fileModule, { path, content }, moduleContext({ diff: true, check: true }));
    const diff = r.result.diff ?? '';
    assert.ok(diff.length <= 256 * 1024 + 100, `diff is ${diff.length} long`);
    assert.match(diff, /\n… diff truncated: \d+ more bytes\n$/);
    assert.ok(diff.startsWith(`--- /dev/null\n+++ b${path}\n@@ -0,0 +1,20000 @@\n+line 0 `));
  });

  it('counts a mode change alone as a change and keeps the mode of an existing file when none is given', async () => {
    const root = await newRoot();
    const path = join(root, 'secret');
    await writeFile(path, 'v1\n');
    await chmod(path, 0o600);
    const keep = await runStep(fileModule, { path, content: 'v2\n' }, moduleContext());
    assert.equal(keep.result.changed, true);
    assert.equal(await modeOf(path), '0600');
    assert.equal(keep.result.data?.mode, '0600');

    const m = await runStep(fileModule, { path, content: 'v2\n', mode: '0640' }, moduleContext());
    assert.deepEqual(m.plan.changes, [{ what: 'mode 0600 -> 0640', from: '0600', to: '0640' }]);
    assert.equal(await modeOf(path), '0640');
    const again = await runStep(fileModule, { path, content: 'v2\n', mode: '0640' }, moduleContext());
    assert.equal(again.result.changed, false);
  });

  it('treats chown to the current uid/gid by number as no change', async () => {
    const root = await newRoot();
    const path = join(root, 'owned');
    await writeFile(path, 'x');
    const uid = String(process.geteuid!());
    const gid = String(process.getegid!());
    const r = await runStep(fileModule, { path, content: 'x', owner: uid, group: gid }, moduleContext());
    assert.deepEqual(r.plan.changes, []);
    assert.equal(r.result.changed, false);
  });

  it('counts an owner change alone as a change (root: to uid 65534)', async (t) => {
    if (!isRoot) {
      t.diagnostic('not root: chown to another uid cannot be tested here');
      return;
    }
    const root = await newRoot();
    const path = join(root, 'owned');
    await writeFile(path, 'x');
    await chown(path, 0, 0);
    const args = { path, content: 'x', owner: 65534, group: '65534' };
    const check = await runStep(fileModule, args, moduleContext({ check: true }));
    assert.deepEqual(
      check.plan.changes.map((c) => c.what),
      ['owner 0 -> 65534', 'group 0 -> 65534'],
    );
    assert.equal((await stat(path)).uid, 0);
    const r = await runStep(fileModule, args, moduleContext());
    assert.equal(r.result.changed, true);
    const s = await stat(path);
    assert.equal(s.uid, 65534);
    assert.equal(s.gid, 65534);
    const again = await runStep(fileModule, args, moduleContext());
    assert.equal(again.result.changed, false);
    // a content change keeps the owner of the file it replaces
    await runStep(fileModule, { path, content: 'y' }, moduleContext());
    assert.equal((await stat(path)).uid, 65534);
    assert.equal(await readFile(path, 'utf8'), 'y');
  });

  it('resolves owner and group names and names an unknown one with its field path', async () => {
    const root = await newRoot();
    const path = join(root, 'f');
    const r = await runStep(fileModule, { path, content: '', owner: 'root', group: 'root' }, moduleContext({ check: true }));
    assert.equal(r.plan.data.uid, 0);
    await assert.rejects(runStep(fileModule, { path, content: '', owner: 'no-such-user-flotilla', group: 'no-such-group-flotilla' }, moduleContext()), (err: unknown) => {
      assert.ok(err instanceof InvalidArgumentError);
      assert.deepEqual(
        err.issues.map((i) => i.path),
        ['spec.steps[0].file.owner', 'spec.steps[0].file.group'],
      );
      assert.match(err.message, /no user 'no-such-user-flotilla' on this node/);
      return true;
    });
  });

  it('runs validate on the temp file in the same directory before the rename', async () => {
    const root = await newRoot();
    const path = join(root, 'site.conf');
    await writeFile(path, 'old\n');
    const seen = join(root, 'seen');
    const validate = `echo %s > ${seen}; grep -q '^good' %s`;
    const ok = await runStep(fileModule, { path, content: 'good\n', validate }, moduleContext());
    assert.equal(ok.result.changed, true);
    assert.equal(await readFile(path, 'utf8'), 'good\n');
    const tmp = (await readFile(seen, 'utf8')).trim();
    assert.equal(join(tmp, '..'), root, 'the temp file is in the same directory');
    assert.match(tmp, /\/\.site\.conf\.[0-9a-f]+\.flotilla-tmp$/);
    assert.equal(await exists(tmp), false);

    const bad = await runStep(fileModule, { path, content: 'bad\n', validate: 'echo nope >&2; exit 3 # %s' }, moduleContext());
    assert.equal(bad.result.failed, true);
    assert.equal(bad.result.changed, false);
    assert.equal(bad.result.rc, 3);
    assert.equal(bad.result.stderr, 'nope\n');
    assert.match(bad.result.message ?? '', /validate failed \(exit code 3\)/);
    assert.equal(await readFile(path, 'utf8'), 'good\n', 'the original is untouched');
    assert.deepEqual((await readdir(root)).sort(), ['seen', 'site.conf']);
  });

  it('keeps the previous file as <path>.<YYYYMMDDTHHMMSS>~ when backup is set', async () => {
    const root = await newRoot();
    const path = join(root, 'hosts');
    await writeFile(path, 'v1\n');
    const clock: Clock = { now: () => Date.UTC(2024, 4, 1, 12, 3, 4), sleep: () => Promise.resolve(), setTimer: () => ({ cancel() {} }) };
    const m = createFileModule({ clock });
    const r = await runStep(m, { path, content: 'v2\n', backup: true }, moduleContext());
    assert.equal(r.result.changed, true);
    assert.equal(await readFile(`${path}.20240501T120304~`, 'utf8'), 'v1\n');
    assert.equal(await readFile(path, 'utf8'), 'v2\n');
    const same = await runStep(m, { path, content: 'v2\n', backup: true }, moduleContext());
    assert.equal(same.result.changed, false);
    await runStep(m, { path, content: 'v3\n', backup: true }, moduleContext());
    assert.equal(await readFile(`${path}.20240501T120304.1~`, 'utf8'), 'v2\n');
  });

  it('renders an inline template through ctx.render with the name <at>.template', async () => {
    const root = await newRoot();
    const path = join(root, 'port.conf');
    const names: string[] = [];
    const real = handlebarsRender({ vars: { port: 8080 } });
    const render = (text: string, name: string) => {
      names.push(name);
      return real(text, name);
    };
    const r = await runStep(fileModule, { path, template: 'listen {{vars.port}}\n' }, moduleContext({ render }));
    assert.equal(r.result.changed, true);
    assert.equal(await readFile(path, 'utf8'), 'listen 8080\n');
    assert.deepEqual(names, ['spec.steps[0].file.template']);
    await assert.rejects(runStep(fileModule, { path, template: '{{vars.missing}}' }, moduleContext({ render })), /spec\.steps\[0\]\.file\.template/);
  });

  it('reads src from the TaskBook tree, rendering .hbs files, and refuses paths leaving it', async () => {
    const root = await newRoot();
    const tree = join(root, 'tree');
    await mkdir(join(tree, 'conf'), { recursive: true });
    await writeFile(join(tree, 'conf/plain.txt'), 'plain {{not rendered}}\n');
    await writeFile(join(tree, 'conf/nginx.conf.hbs'), 'worker_processes {{vars.workers}};\n');
    await symlink('/etc', join(tree, 'escape'));
    const ctx = moduleContext({ readSource: treeReader(tree), render: handlebarsRender({ vars: { workers: 4 } }) });
    const plain = join(root, 'out/plain.txt');
    await runStep(fileModule, { path: plain, src: 'conf/plain.txt' }, ctx);
    assert.equal(await readFile(plain, 'utf8'), 'plain {{not rendered}}\n');
    const nginx = join(root, 'out/nginx.conf');
    await runStep(fileModule, { path: nginx, src: 'conf/nginx.conf.hbs' }, ctx);
    assert.equal(await readFile(nginx, 'utf8'), 'worker_processes 4;\n');
    assert.equal((await runStep(fileModule, { path: nginx, src: 'conf/nginx.conf.hbs' }, ctx)).result.changed, false);

    await assert.rejects(runStep(fileModule, { path: join(root, 'out/p'), src: 'escape/passwd' }, ctx), /leaves the TaskBook's git tree/);
    invalid(() => fileModule.parse({ path: join(root, 'x'), src: '../outside' }, 'f'), ['f.src'], /'\.\.'/);
    await assert.rejects(runStep(fileModule, { path: join(root, 'x'), src: 'conf/plain.txt' }, moduleContext()), (err: unknown) => {
      assert.ok(isFlotillaError(err, 'FAILED_PRECONDITION'));
      assert.match(err.message, /spec\.steps\[0\]\.file\.src: src needs a TaskBook from git/);
      return true;
    });
  });

  it('refuses to replace a directory with a file, and a parent that is a file', async () => {
    const root = await newRoot();
    await assert.rejects(runStep(fileModule, { path: root, content: 'x' }, moduleContext()), /is a directory, not a regular file/);
    await writeFile(join(root, 'plain'), 'x');
    await assert.rejects(runStep(fileModule, { path: join(root, 'plain/child'), content: 'x' }, moduleContext()), (err: unknown) => {
      assert.ok(isFlotillaError(err, 'FAILED_PRECONDITION'));
      assert.equal(err.message, `spec.steps[0].file.path: a parent of ${root}/plain/child is not a directory`);
      return true;
    });
    const absent = await runStep(fileModule, { path: join(root, 'plain/child'), state: 'absent' }, moduleContext());
    assert.equal(absent.result.changed, false, 'nothing can be below a plain file');
  });
});

describe('file module: states directory, link, absent', () => {
  it('creates a directory (0755 by default), then changes only its mode', async () => {
    const root = await newRoot();
    const path = join(root, 'x/y/data');
    const first = await runStep(fileModule, { path, state: 'directory' }, moduleContext());
    assert.equal(first.result.changed, true);
    assert.ok((await stat(path)).isDirectory());
    assert.equal(await modeOf(path), '0755');
    assert.equal((await runStep(fileModule, { path, state: 'directory' }, moduleContext())).result.changed, false);
    const check = await runStep(fileModule, { path, state: 'directory', mode: '0700' }, moduleContext({ check: true }));
    assert.deepEqual(
      check.plan.changes.map((c) => c.what),
      ['mode 0755 -> 0700'],
    );
    assert.equal(await modeOf(path), '0755');
    await runStep(fileModule, { path, state: 'directory', mode: '0700' }, moduleContext());
    assert.equal(await modeOf(path), '0700');
    assert.equal((await runStep(fileModule, { path, state: 'directory', mode: '0700' }, moduleContext())).result.changed, false);
  });

  it('creates a symlink, leaves it alone when right and retargets it atomically', async () => {
    const root = await newRoot();
    const path = join(root, 'current');
    const check = await runStep(fileModule, { path, state: 'link', target: 'releases/1' }, moduleContext({ check: true }));
    assert.equal(check.plan.changes.length, 1);
    assert.equal(await exists(path), false);
    const first = await runStep(fileModule, { path, state: 'link', target: 'releases/1' }, moduleContext());
    assert.equal(first.result.changed, true);
    assert.equal(await readlink(path), 'releases/1');
    assert.equal((await runStep(fileModule, { path, state: 'link', target: 'releases/1' }, moduleContext())).result.changed, false);
    const re = await runStep(fileModule, { path, state: 'link', target: 'releases/2' }, moduleContext());
    assert.deepEqual(
      re.plan.changes.map((c) => c.what),
      ['link target releases/1 -> releases/2'],
    );
    assert.equal(await readlink(path), 'releases/2');
    assert.deepEqual(await readdir(root), ['current']);
  });

  it('removes a file and a directory tree, and reports no change when already absent', async () => {
    const root = await newRoot();
    const file = join(root, 'f');
    await writeFile(file, 'bye\n');
    const check = await runStep(fileModule, { path: file, state: 'absent' }, moduleContext({ check: true, diff: true }));
    assert.equal(check.result.diff, `--- a${file}\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-bye\n`);
    assert.equal(await exists(file), true);
    assert.equal((await runStep(fileModule, { path: file, state: 'absent' }, moduleContext())).result.changed, true);
    assert.equal(await exists(file), false);
    assert.equal((await runStep(fileModule, { path: file, state: 'absent' }, moduleContext())).result.changed, false);

    const dir = join(root, 'd');
    await mkdir(join(dir, 'deep/er'), { recursive: true });
    await writeFile(join(dir, 'deep/er/x'), 'x');
    const r = await runStep(fileModule, { path: dir, state: 'absent' }, moduleContext());
    assert.deepEqual(
      r.plan.changes.map((c) => c.what),
      ['remove directory (with everything in it)'],
    );
    assert.equal(await exists(dir), false);
  });
});

describe('file module: arguments', () => {
  it('refuses a path with .. segments (as a variable may produce), //, a trailing / and relative paths', () => {
    invalid(() => fileModule.parse({ path: '/tmp/x/../etc/passwd', content: '' }, 'spec.steps[2].file'), ['spec.steps[2].file.path'], /must not contain '\.\.' segments \(got '\/tmp\/x\/\.\.\/etc\/passwd'/);
    invalid(() => fileModule.parse({ path: '/etc//passwd', content: '' }, 'f'), ['f.path'], /'\/\/'/);
    invalid(() => fileModule.parse({ path: '/etc/', content: '' }, 'f'), ['f.path'], /end with '\/'/);
    invalid(() => fileModule.parse({ path: 'etc/motd', content: '' }, 'f'), ['f.path'], /absolute/);
    invalid(() => fileModule.parse({ path: '/etc/\u0000x', content: '' }, 'f'), ['f.path'], /NUL/);
  });

  it('lists every problem with its field path', () => {
    invalid(
      () => fileModule.parse({ path: 'rel', state: 'gone', mode: '999', owner: 'a b', backup: 'yes', validate: 'true', colour: 'red' }, 'spec.steps[2].file'),
      [
        'spec.steps[2].file.colour',
        'spec.steps[2].file.path',
        'spec.steps[2].file.state',
        'spec.steps[2].file.mode',
        'spec.steps[2].file.owner',
        'spec.steps[2].file.backup',
        'spec.steps[2].file.validate',
      ],
    );
    invalid(() => fileModule.parse({ path: '/x', mode: 644, content: '' }, 'f'), ['f.mode'], /quoted octal string/);
    invalid(() => fileModule.parse({ path: '/x', mode: '{{vars.mode}}', content: '' }, 'f'), ['f.mode'], /unrendered template/);
    invalid(() => fileModule.parse({ path: '/x', content: 'a', template: 'b' }, 'f'), ['f.template'], /exactly one of/);
    invalid(() => fileModule.parse({ path: '/x' }, 'f'), ['f'], /exactly one of: content, template, src/);
    invalid(() => fileModule.parse({ path: '/x', state: 'link' }, 'f'), ['f.target'], /required when state is link/);
    invalid(() => fileModule.parse({ path: '/x', state: 'absent', mode: '0644', content: 'x' }, 'f'), ['f.content', 'f.mode']);
    invalid(() => fileModule.parse('nope', 'f'), ['f'], /must be an object/);
  });

  it('accepts rendered values: booleans as strings, numeric owners', () => {
    const p = fileModule.parse({ path: '/x', content: '', backup: 'true', owner: 0, group: '0', mode: '755' }, 'f');
    assert.equal(p.backup, true);
    assert.equal(p.owner, '0');
    assert.equal(p.mode, 0o755);
  });
});

describe('file module: speed', () => {
  it('checks 200 unchanged files from one looped template quickly', async (t) => {
    const root = await newRoot();
    const items = Array.from({ length: 200 }, (_, i) => i);
    const template = 'item {{item}}\n'.repeat(20);
    let item = 0;
    const ctx = moduleContext({ render: handlebarsRender(() => ({ item })) });
    const once = async () => {
      const start = process.hrtime.bigint();
      let changed = 0;
      for (const i of items) {
        item = i;
        const r = await runStep(fileModule, { path: join(root, `conf/f${i}.conf`), template, mode: '0644' }, ctx);
        if (r.result.changed) changed++;
      }
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, changed };
    };
    const created = await once();
    assert.equal(created.changed, 200);
    const unchanged = await once();
    assert.equal(unchanged.changed, 0);
    const again = await once();
    t.diagnostic(`200 new files: ${created.ms.toFixed(1)} ms; 200 unchanged: ${unchanged.ms.toFixed(1)} ms, then ${again.ms.toFixed(1)} ms (parse + render + check, sequential)`);
  });
});
