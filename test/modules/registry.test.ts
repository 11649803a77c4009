import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from '../../src/errors.js';
import { commandModule, createFileModule, createRegistry, defaultModules, fileModule, packageModule } from '../../src/modules/index.js';

describe('module registry', () => {
  it('holds the three built-in modules', () => {
    const reg = createRegistry(defaultModules());
    assert.deepEqual(reg.kinds, ['file', 'package', 'command']);
    assert.equal(reg.get('file'), fileModule);
    assert.equal(reg.get('package'), packageModule);
    assert.equal(reg.get('command'), commandModule);
    assert.deepEqual(fileModule.rawFields, ['content', 'template']);
  });

  it('refuses two modules of one kind at construction', () => {
    assert.throws(() => createRegistry([fileModule, commandModule, createFileModule()]), /two modules of kind 'file'/);
  });

  it('picks the module of a step or handler, with the field path of its args', () => {
    const reg = createRegistry(defaultModules());
    const step = { name: 'motd', file: { path: '/etc/motd', content: 'hi' }, notify: ['x'], when: true };
    const choice = reg.moduleFor(step, 'spec.steps[3]');
    assert.equal(choice.kind, 'file');
    assert.equal(choice.module, fileModule);
    assert.equal(choice.args, step.file);
    assert.equal(choice.at, 'spec.steps[3].file');
    assert.equal(reg.moduleFor({ name: 'h', command: { cmd: 'true' } }).at, 'command');
  });

  it('refuses a step with no module or with two, naming the step', () => {
    const reg = createRegistry(defaultModules());
    assert.throws(
      () => reg.moduleFor({ name: 'x' }, 'spec.steps[0]'),
      (err: unknown) => err instanceof InvalidArgumentError && err.message === 'spec.steps[0]: must have exactly one of: file, package, command',
    );
    assert.throws(() => reg.moduleFor({ file: {}, command: {} }, 'spec.handlers[1]'), /spec\.handlers\[1\]: must have exactly one of: file, package, command \(found file and command\)/);
    assert.throws(() => reg.get('service' as never), /no module of kind 'service'/);
    const only = createRegistry([commandModule]);
    assert.throws(() => only.moduleFor({ file: {} }, 's'), /s: must have exactly one of: command/);
  });
});
