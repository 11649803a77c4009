// Every file in examples/taskbooks/ must parse and validate (STYLE §7), and
// together they must show one object of every kind.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  KINDS,
  clusterConfigFrom,
  defaultedObject,
  isKind,
  parseDocuments,
  type ParsedDocument,
  type ResourceObject,
} from '../../src/resources/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../examples/taskbooks');
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

function load(file: string): ParsedDocument[] {
  return parseDocuments(readFileSync(join(dir, file), 'utf8'), file);
}

void describe('examples/taskbooks', () => {
  void it('holds example files', () => {
    assert.ok(files.length >= 10, `only ${files.length} files`);
  });

  for (const file of files) {
    void it(`${file} parses and validates`, () => {
      const docs = load(file);
      assert.ok(docs.length > 0, 'no documents');
      for (const d of docs) {
        assert.equal(d.file, file);
        assert.equal(d.object.apiVersion, 'flotilla/v1alpha1');
      }
    });
  }

  const all: ResourceObject[] = files.flatMap((f) => load(f).map((d) => d.object));

  void it('shows every kind at least once', () => {
    const kinds = new Set(all.map((o) => o.kind));
    for (const k of KINDS) assert.ok(kinds.has(k.kind), `no example of ${k.kind}`);
  });

  void it('defaults every example with the example cluster Config', () => {
    const config = all.find((o) => o.kind === 'Config');
    assert.ok(config && isKind(config, 'Config'));
    const cluster = clusterConfigFrom(config.spec);
    assert.equal(cluster.runs.strategy.serial, '25%');
    for (const o of all) assert.ok(defaultedObject(o, cluster).spec !== undefined);
  });

  void it('keeps namespaced examples in default unless their file creates the namespace first', () => {
    for (const file of files) {
      const docs = load(file);
      const created = new Set<string>();
      for (const d of docs) {
        if (d.object.kind === 'Namespace') created.add(d.object.metadata.name);
        const ns = d.object.metadata.namespace;
        if (ns !== undefined && ns !== 'default') assert.ok(created.has(ns), `${file} document ${d.document} uses namespace '${ns}' before creating it`);
      }
    }
  });

  void it('has a hello TaskBook in default that writes under /tmp/flotilla-hello and echoes', () => {
    const [hello] = load('taskbook-hello.yaml');
    assert.ok(isKind(hello.object, 'TaskBook'));
    assert.equal(hello.object.metadata.name, 'hello');
    assert.equal(hello.object.metadata.namespace, 'default');
    const steps = hello.object.spec.steps ?? [];
    assert.ok(steps.some((s) => s.file?.path.startsWith('/tmp/flotilla-hello/')));
    assert.ok(steps.some((s) => s.command?.cmd?.startsWith('echo ')));
  });

  void it('has a web TaskBook with a serial rollout, a barrier and a runOnce export', () => {
    const [web] = load('taskbook-web.yaml');
    assert.ok(isKind(web.object, 'TaskBook'));
    const spec = web.object.spec;
    assert.equal(spec.strategy?.serial, 1);
    const steps = spec.steps ?? [];
    assert.ok(steps.some((s) => s.barrier !== undefined));
    assert.ok(steps.some((s) => s.runOnce === true && s.export?.variable === 'web-join-token'));
  });

  void it('keeps secrets out of the examples in plain', () => {
    for (const o of all.filter((x) => x.kind === 'Secret')) {
      assert.ok(isKind(o, 'Secret'));
      assert.equal(o.spec.data, undefined);
      assert.ok(o.spec.provider);
    }
  });
});
