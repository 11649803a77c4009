import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError } from '../../src/errors.js';
import { commandModule, createCommandModule } from '../../src/modules/command.js';
import { moduleContext, runStep } from '../helpers/module-context.js';
import { assertEventually } from '../helpers/eventually.js';
import { tempDirs } from '../helpers/tmp.js';
import { isDead } from '../helpers/proc.js';

const newRoot = tempDirs('flotilla-command-');
const fast = createCommandModule({ killGraceMs: 300 });

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}


describe('command module: running and guards', () => {
  it('runs a shell command once and then skips it through creates; check mode runs nothing', async () => {
    const root = await newRoot();
    const marker = join(root, 'done');
    const args = { cmd: `echo made > ${marker}; echo out; echo err >&2`, creates: marker };
    const check = await runStep(commandModule, args, moduleContext({ check: true }));
    assert.deepEqual(check.plan.changes, [{ what: `run: ${args.cmd}`, to: args.cmd }]);
    assert.equal(check.result.changed, true);
    assert.equal(await exists(marker), false);

    const first = await runStep(commandModule, args, moduleContext());
    assert.equal(first.result.changed, true);
    assert.equal(first.result.failed, false);
    assert.equal(first.result.rc, 0);
    assert.equal(first.result.stdout, 'out\n');
    assert.equal(first.result.stderr, 'err\n');
    assert.deepEqual(first.result.data, { rc: 0, stdout: 'out\n', stderr: 'err\n' });
    assert.equal(await readFile(marker, 'utf8'), 'made\n');

    const second = await runStep(commandModule, args, moduleContext());
    assert.deepEqual(second.plan.changes, []);
    assert.equal(second.result.changed, false);
    assert.deepEqual(second.result.data, { skipped: true, reason: `${marker} exists (creates)` });
  });

  it('skips unless the removes path exists', async () => {
    const root = await newRoot();
    const f = join(root, 'old');
    const args = { cmd: `rm ${f}`, removes: f };
    assert.equal((await runStep(commandModule, args, moduleContext())).result.changed, false);
    await writeFile(f, '');
    const r = await runStep(commandModule, args, moduleContext());
    assert.equal(r.result.changed, true);
    assert.equal(await exists(f), false);
    assert.equal((await runStep(commandModule, args, moduleContext())).result.changed, false);
  });

  it('evaluates unless and onlyIf in check(), also in check mode', async () => {
    const root = await newRoot();
    const ran = join(root, 'guard-ran');
    const unless = await runStep(commandModule, { cmd: 'false', unless: `touch ${ran}; true` }, moduleContext({ check: true }));
    assert.deepEqual(unless.plan.changes, []);
    assert.equal(unless.result.message, 'skipped: the unless command succeeded');
    assert.equal(await exists(ran), true, 'guard commands run in check mode');

    const runs = await runStep(commandModule, { cmd: 'echo ran', unless: 'exit 1' }, moduleContext());
    assert.equal(runs.result.stdout, 'ran\n');
    const onlyIfNo = await runStep(commandModule, { cmd: 'echo ran', onlyIf: 'exit 4' }, moduleContext());
    assert.equal(onlyIfNo.result.changed, false);
    assert.equal(onlyIfNo.result.message, 'skipped: the onlyIf command failed (exit code 4)');
    const onlyIfYes = await runStep(commandModule, { cmd: 'echo ran', onlyIf: 'test -d /' }, moduleContext());
    assert.equal(onlyIfYes.result.changed, true);
  });

  it('decides changed and failed with changedWhen / failedWhen over rc and output', async () => {
    const plain = await runStep(commandModule, { cmd: 'exit 3' }, moduleContext());
    assert.equal(plain.result.failed, true);
    assert.equal(plain.result.changed, true);
    assert.equal(plain.result.message, 'exit code 3');

    const seen: string[] = [];
    const r = await runStep(
      commandModule,
      { cmd: 'printf same; exit 3', failedWhen: '{{ne rc 3}}', changedWhen: '{{ne stdout "same"}}' },
      moduleContext({
        condition: (cond, values, field) => {
          seen.push(field);
          const m = /^\{\{ne (\w+) (\d+|"[^"]*")\}\}$/.exec(String(cond))!;
          const want = m[2].startsWith('"') ? m[2].slice(1, -1) : Number(m[2]);
          return values[m[1]] !== want;
        },
      }),
    );
    assert.equal(r.result.failed, false);
    assert.equal(r.result.changed, false);
    assert.equal(r.result.rc, 3);
    assert.deepEqual(seen, ['spec.steps[0].command.failedWhen', 'spec.steps[0].command.changedWhen']);
    const never = await runStep(commandModule, { cmd: 'exit 1', failedWhen: false, changedWhen: false }, moduleContext());
    assert.equal(never.result.failed, false);
    assert.equal(never.result.changed, false);
  });

  it('runs argv without a shell, keeping spaces and quotes in arguments', async () => {
    const r = await runStep(commandModule, { argv: ['printf', '%s|', 'a b', "it's", '$HOME', '*'] }, moduleContext());
    assert.equal(r.result.stdout, "a b|it's|$HOME|*|");
    assert.deepEqual(r.plan.changes.map((c) => c.what), [`run: printf '%s|' 'a b' 'it'\\''s' '$HOME' '*'`]);
    const missing = await runStep(commandModule, { argv: ['/no/such/program'] }, moduleContext());
    assert.equal(missing.result.failed, true);
    assert.equal(missing.result.rc, 127);
    assert.match(missing.result.message ?? '', /cannot run \/no\/such\/program: ENOENT/);
  });

  it('merges env over ctx.env, leaves FLOTILLA_* out by default, runs in cwd with stdin from /dev/null', async () => {
    const root = await newRoot();
    const withEnv = await runStep(
      commandModule,
      { cmd: 'echo "$BASE|$FOO|$N|$B"; pwd; cat', env: { FOO: 'bar baz', N: 3, B: true }, cwd: root },
      moduleContext({ env: { PATH: process.env.PATH ?? '/usr/bin:/bin', BASE: 'base', FOO: 'old' } }),
    );
    assert.equal(withEnv.result.stdout, `base|bar baz|3|true\n${root}\n`);

    process.env.FLOTILLA_TEST_TOKEN = 'do-not-leak';
    try {
      const d = await runStep(commandModule, { cmd: 'echo "[$FLOTILLA_TEST_TOKEN]"' }, moduleContext());
      assert.equal(d.result.stdout, '[]\n');
    } finally {
      delete process.env.FLOTILLA_TEST_TOKEN;
    }
    const badCwd = await runStep(commandModule, { cmd: 'true', cwd: join(root, 'missing') }, moduleContext());
    assert.equal(badCwd.result.failed, true);
    assert.match(badCwd.result.message ?? '', /cwd .*missing is not a directory/);
  });
});

describe('command module: limits', () => {
  it('kills the whole process group on timeout, a child sleep included', async () => {
    const root = await newRoot();
    const pidFile = join(root, 'pid');
    const started = Date.now();
    const r = await runStep(commandModule, { cmd: `sleep 30 & echo $! > ${pidFile}; wait`, timeout: '300ms' }, moduleContext());
    assert.equal(r.result.failed, true);
    assert.equal(r.result.retryable, true);
    assert.match(r.result.message ?? '', /^timed out after 300ms; process group killed$/);
    assert.ok(Date.now() - started < 10_000);
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    await assertEventually(async () => assert.equal(await isDead(pid), true, `child sleep ${pid} still alive`), { timeoutMs: 3000 });
  });

  it('follows SIGTERM with SIGKILL for a group that ignores it', async () => {
    const root = await newRoot();
    const pidFile = join(root, 'pid');
    const started = Date.now();
    const r = await runStep(fast, { cmd: `trap '' TERM; sh -c 'trap "" TERM; echo $$ > ${pidFile}; sleep 30; sleep 30'; sleep 30`, timeout: '200ms' }, moduleContext());
    const took = Date.now() - started;
    assert.equal(r.result.failed, true);
    assert.ok(took >= 450 && took < 5000, `took ${took} ms`);
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    await assertEventually(async () => assert.equal(await isDead(pid), true), { timeoutMs: 3000 });
  });

  it('rejects with the abort reason and kills the group when ctx.signal aborts', async () => {
    const root = await newRoot();
    const pidFile = join(root, 'pid');
    const ac = new AbortController();
    const reason = new Error('run cancelled');
    const p = runStep(commandModule, { cmd: `sleep 30 & echo $! > ${pidFile}; wait` }, moduleContext({ signal: ac.signal }));
    await assertEventually(async () => assert.ok(await exists(pidFile) && (await readFile(pidFile, 'utf8')).endsWith('\n'), 'pid file written'));
    ac.abort(reason);
    await assert.rejects(p, (err) => err === reason);
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    await assertEventually(async () => assert.equal(await isDead(pid), true), { timeoutMs: 3000 });
  });

  it('keeps only the tail of 100 MB of output, with bounded memory', async (t) => {
    const base = process.memoryUsage().rss;
    let peak = base;
    let done = false;
    const sampler = (async () => {
      while (!done) {
        peak = Math.max(peak, process.memoryUsage().rss);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const started = Date.now();
    const r = await runStep(commandModule, { cmd: "head -c 100000000 /dev/zero | tr '\\0' x; echo tail-end" }, moduleContext());
    done = true;
    await sampler;
    const out = r.result.stdout ?? '';
    const kept = 65_536;
    assert.equal(out, `… ${100_000_009 - kept} bytes dropped\n${'x'.repeat(kept - 9)}tail-end\n`);
    const grewMb = (peak - base) / 1e6;
    t.diagnostic(`100 MB of output in ${Date.now() - started} ms; rss grew by at most ${grewMb.toFixed(1)} MB`);
    assert.ok(grewMb < 60, `rss grew by ${grewMb.toFixed(1)} MB`);

    const small = await runStep(commandModule, { cmd: 'seq 1 2000', maxOutputBytes: 1024 }, moduleContext());
    assert.match(small.result.stdout ?? '', /^… 7869 bytes dropped\n/);
    assert.ok((small.result.stdout ?? '').endsWith('1999\n2000\n'));
  });
});

describe('command module: arguments', () => {
  it('lists every problem with its field path', () => {
    assert.throws(
      () =>
        commandModule.parse(
          { cmd: 'x', argv: ['y'], cwd: 'rel', env: { 'BAD-NAME': 'v', OK: {} }, timeout: '5', creates: 'rel', maxOutputBytes: 10, changedWhen: 3 },
          'spec.steps[4].command',
        ),
      (err: unknown) => {
        assert.ok(err instanceof InvalidArgumentError);
        assert.deepEqual(
          err.issues.map((i) => i.path),
          [
            'spec.steps[4].command.argv',
            'spec.steps[4].command.cwd',
            'spec.steps[4].command.env.BAD-NAME',
            'spec.steps[4].command.env.OK',
            'spec.steps[4].command.timeout',
            'spec.steps[4].command.creates',
            'spec.steps[4].command.changedWhen',
            'spec.steps[4].command.maxOutputBytes',
          ],
        );
        return true;
      },
    );
    assert.throws(() => commandModule.parse({}, 'c'), /c: must have exactly one of: cmd, argv/);
    assert.throws(() => commandModule.parse({ cmd: 'x', timeout: 30 }, 'c'), /c\.timeout: must be a duration such as '30s' \(got the number 30; add a unit\)/);
    assert.throws(() => commandModule.parse({ argv: [] }, 'c'), /c\.argv: must be a non-empty list/);
  });

  it('fills defaults', () => {
    const p = commandModule.parse({ cmd: 'true', timeout: '1m30s' }, 'c');
    assert.equal(p.cwd, '/');
    assert.equal(p.timeoutMs, 90_000);
    assert.equal(p.changedWhen, true);
    assert.equal(p.failedWhen, undefined);
    assert.equal(p.maxOutputBytes, 65_536);
    assert.deepEqual(commandModule.rawFields, ['changedWhen', 'failedWhen']);
  });
});
