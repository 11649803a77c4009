import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from '../../src/errors.js';
import type { VariableSpec, VariableStatus } from '../../src/resources/index.js';
import {
  TemplateEngine,
  VariableCycleError,
  boundClusterVariables,
  resolveVariables,
  templateContext,
  type ResolveVariablesInput,
  type VariableObject,
} from '../../src/templates/index.js';

const engine = new TemplateEngine();

const variable = (name: string, spec: VariableSpec, status?: VariableStatus): VariableObject => ({
  metadata: { name, namespace: 'default' },
  spec,
  ...(status ? { status } : {}),
});
const clusterVariable = (name: string, spec: VariableSpec, status?: VariableStatus): VariableObject => ({ metadata: { name }, spec, ...(status ? { status } : {}) });

const node = { name: 'web-1', labels: { tier: 'web' }, addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] };

function resolve(extra: Partial<ResolveVariablesInput>): ReturnType<typeof resolveVariables> {
  return resolveVariables({ engine, namespace: 'default', node, nodeGroups: ['web'], facts: { distribution: 'debian' }, ...extra });
}

void describe('variable precedence', () => {
  // Each row: the levels that define `port`, and which one must win.
  const levels = {
    cluster: clusterVariable('c-port', { key: 'port', value: 1 }),
    clusterGroup: clusterVariable('c-port-web', { key: 'port', value: 2, scope: { nodeGroup: 'web' } }),
    clusterNode: clusterVariable('c-port-node', { key: 'port', value: 3, scope: { node: 'web-1' } }),
    variable: variable('port', { value: 4 }),
    group: variable('port-web', { key: 'port', value: 5, scope: { nodeGroup: 'web' } }),
    node: variable('port-node', { key: 'port', value: 6, scope: { node: 'web-1' } }),
  } as const;
  const sourceOf: Record<string, string> = {
    cluster: 'ClusterVariable c-port',
    clusterGroup: 'ClusterVariable c-port-web (nodeGroup web)',
    clusterNode: 'ClusterVariable c-port-node (node web-1)',
    variable: 'Variable default/port',
    group: 'Variable default/port-web (nodeGroup web)',
    node: 'Variable default/port-node (node web-1)',
    taskBook: 'TaskBook default/nginx vars',
    set: 'Run default/nginx-x1 set',
  };
  const table: [string[], string, unknown][] = [
    [['cluster'], 'cluster', 1],
    [['cluster', 'clusterGroup'], 'clusterGroup', 2],
    [['clusterGroup', 'clusterNode'], 'clusterNode', 3],
    [['clusterNode', 'variable'], 'variable', 4],
    [['cluster', 'variable', 'group'], 'group', 5],
    [['group', 'node'], 'node', 6],
    [['variable', 'node', 'taskBook'], 'taskBook', 7],
    [['cluster', 'clusterGroup', 'clusterNode', 'variable', 'group', 'node', 'taskBook', 'set'], 'set', '8'],
    [['node', 'set'], 'set', '8'],
  ];
  for (const [present, winner, value] of table) {
    void it(`${present.join(' + ')}: ${winner} wins`, () => {
      const pick = (names: (keyof typeof levels)[]) => names.filter((n) => present.includes(n)).map((n) => levels[n]);
      const r = resolve({
        clusterVariables: pick(['cluster', 'clusterGroup', 'clusterNode']),
        variables: pick(['variable', 'group', 'node']),
        taskBook: 'nginx',
        run: 'nginx-x1',
        ...(present.includes('taskBook') ? { taskBookVars: { port: 7 } } : {}),
        ...(present.includes('set') ? { set: { port: '8' } } : {}),
      });
      assert.deepEqual(r.vars, { port: value });
      assert.deepEqual(r.sources, { port: sourceOf[winner] });
      assert.deepEqual(r.conflicts, []);
    });
  }

  void it('ignores variables scoped to another NodeGroup or node', () => {
    const r = resolve({
      variables: [
        variable('a', { value: 'all' }),
        variable('a-db', { key: 'a', value: 'db', scope: { nodeGroup: 'db' } }),
        variable('a-web-2', { key: 'a', value: 'web-2', scope: { node: 'web-2' } }),
        variable('b-web', { key: 'b', value: 'web', scope: { nodeGroup: 'web' } }),
        variable('c-db', { key: 'c', value: 'db', scope: { nodeGroup: 'db' } }),
      ],
    });
    assert.deepEqual(r.vars, { a: 'all', b: 'web' });
    assert.deepEqual(r.sources, { a: 'Variable default/a', b: 'Variable default/b-web (nodeGroup web)' });
  });

  void it('replaces whole values: objects are not merged across levels', () => {
    const r = resolve({ variables: [variable('tls', { value: { enabled: true, cert: '/a' } })], taskBookVars: { tls: { enabled: false } } });
    assert.deepEqual(r.vars, { tls: { enabled: false } });
  });

  void it('breaks ties within one level by name: the name that sorts last wins, and says so', () => {
    const r = resolve({
      nodeGroups: ['web', 'eu'],
      variables: [
        variable('zz-level', { key: 'level', value: 'z' }),
        variable('aa-level', { key: 'level', value: 'a' }),
        variable('level-web', { key: 'grp', value: 'web', scope: { nodeGroup: 'web' } }),
        variable('level-eu', { key: 'grp', value: 'eu', scope: { nodeGroup: 'eu' } }),
      ],
    });
    assert.deepEqual(r.vars, { grp: 'web', level: 'z' });
    assert.deepEqual(r.conflicts, [
      { key: 'level', used: 'Variable default/zz-level', ignored: ['Variable default/aa-level'] },
      { key: 'grp', used: 'Variable default/level-web (nodeGroup web)', ignored: ['Variable default/level-eu (nodeGroup eu)'] },
    ]);
    const reversed = resolve({ nodeGroups: ['eu', 'web'], variables: [variable('level-web', { key: 'grp', value: 'web', scope: { nodeGroup: 'web' } }), variable('level-eu', { key: 'grp', value: 'eu', scope: { nodeGroup: 'eu' } })] });
    assert.equal(reversed.vars.grp, 'web', 'input order does not matter');
  });

  void it('binds ClusterVariables to namespaces through ClusterVariableBindings', () => {
    const cvs = [clusterVariable('b', { value: 1 }), clusterVariable('a', { value: 2 }), clusterVariable('c', { value: 3 })];
    const bindings = [
      { metadata: { name: 'one' }, spec: { clusterVariables: ['a', 'b'], namespaces: ['prod'] } },
      { metadata: { name: 'all' }, spec: { clusterVariables: ['c'], namespaces: ['*'] } },
    ];
    assert.deepEqual(boundClusterVariables(cvs, bindings, 'prod').map((c) => c.metadata.name), ['a', 'b', 'c']);
    assert.deepEqual(boundClusterVariables(cvs, bindings, 'default').map((c) => c.metadata.name), ['c']);
  });
});

void describe('computed variables', () => {
  void it('uses the value a command produced, and explains an absent one', () => {
    const r = resolve({
      variables: [
        variable('join-token', { valueFrom: { command: { cmd: 'make-token' } } }, { value: 'abc123' }),
        variable('pending', { valueFrom: { command: { cmd: 'slow' } } }),
        variable('broken', { valueFrom: { command: { cmd: 'false' } } }, { error: 'exit code 1' }),
      ],
    });
    assert.deepEqual(r.vars, { 'join-token': 'abc123' });
    assert.deepEqual(r.unresolved, {
      pending: 'Variable default/pending: its command has not produced a value yet',
      broken: 'Variable default/broken: its command failed: exit code 1',
    });
    const ctx = templateContext({ vars: r.vars, node, unresolved: r.unresolved });
    assert.equal(engine.render('{{vars.join-token}}', ctx, { name: 't' }), 'abc123');
    assert.throws(() => engine.render('x\n{{vars.pending}}', ctx, { name: 'spec.steps[0].command.cmd' }), {
      message: "spec.steps[0].command.cmd: line 2: 'vars.pending' is not defined (Variable default/pending: its command has not produced a value yet)",
    });
  });

  void it('keeps a lower value when a higher level cannot compute its own', () => {
    const r = resolve({ variables: [variable('token', { value: 'static' }), variable('token-web', { key: 'token', valueFrom: { command: { cmd: 'x' } }, scope: { nodeGroup: 'web' } })] });
    assert.deepEqual(r.vars, { token: 'static' });
    assert.deepEqual(r.unresolved, {});
    assert.deepEqual(r.warnings, ['vars.token: Variable default/token-web (nodeGroup web): its command has not produced a value yet; using the value from Variable default/token']);
  });

  void it('renders templates against lower levels, facts and node', () => {
    const r = resolve({
      clusterVariables: [clusterVariable('domain', { value: 'example.org' })],
      variables: [
        variable('fqdn', { valueFrom: { template: '{{node.name}}.{{vars.domain}}' } }),
        variable('pkg', { valueFrom: { template: '{{#if (eq facts.distribution "debian")}}apt{{else}}dnf{{/if}}' } }),
        variable('ports', { valueFrom: { template: '{{vars.base-ports}}' } }),
        variable('base-ports', { value: [80, 443] }),
        variable('label', { valueFrom: { template: '{{node.labels.tier}}-{{node.addresses.0.address}}' } }),
      ],
      taskBookVars: { domain: 'ignored-by-lower-templates.test' },
    });
    assert.deepEqual(r.vars, {
      'base-ports': [80, 443],
      domain: 'ignored-by-lower-templates.test',
      fqdn: 'web-1.example.org',
      label: 'web-10.0.0.1',
      pkg: 'apt',
      ports: [80, 443],
    });
    assert.equal(r.sources.fqdn, 'Variable default/fqdn');
  });

  void it('resolves same-level templates in dependency order, whatever their names', () => {
    const r = resolve({
      variables: [
        variable('a-url', { valueFrom: { template: 'https://{{vars.b-host}}:{{vars.c-port}}/' } }),
        variable('b-host', { valueFrom: { template: '{{vars.z-name}}.internal' } }),
        variable('c-port', { value: 8443 }),
        variable('z-name', { valueFrom: { template: '{{upper node.name}}' } }),
      ],
    });
    assert.deepEqual(r.vars, { 'a-url': 'https://WEB-1.internal:8443/', 'b-host': 'WEB-1.internal', 'c-port': 8443, 'z-name': 'WEB-1' });
  });

  void it('lets a scoped template build on the value below it under a different key', () => {
    const r = resolve({
      variables: [variable('opts', { value: '-q' }), variable('opts-web', { key: 'web-opts', valueFrom: { template: '{{vars.opts}} --web' }, scope: { nodeGroup: 'web' } })],
    });
    assert.deepEqual(r.vars, { opts: '-q', 'web-opts': '-q --web' });
  });

  void it('makes a template with a missing variable absent, with the reason', () => {
    const r = resolve({ variables: [variable('url', { valueFrom: { template: 'http://{{vars.host}}/' } }), variable('uses-url', { valueFrom: { template: '{{vars.url}}x' } })] });
    assert.deepEqual(r.vars, {});
    assert.equal(r.unresolved.url, "Variable default/url: valueFrom.template: line 1: 'vars.host' is not defined");
    assert.equal(
      r.unresolved['uses-url'],
      "Variable default/uses-url: valueFrom.template: line 1: 'vars.url' is not defined (Variable default/url: valueFrom.template: line 1: 'vars.host' is not defined)",
    );
  });

  void it('does not let a template see higher levels', () => {
    const r = resolve({ variables: [variable('greeting', { valueFrom: { template: 'hi {{vars.who}}' } })], taskBookVars: { who: 'bob' }, set: { x: 1 } });
    assert.deepEqual(Object.keys(r.vars).sort(), ['who', 'x']);
    assert.match(r.unresolved.greeting, /'vars\.who' is not defined/);
  });

  void it('refuses a template that refers to itself', () => {
    assert.throws(
      () => resolve({ variables: [variable('loop', { valueFrom: { template: '{{vars.loop}}' } })] }),
      (err: unknown) => {
        assert.ok(err instanceof VariableCycleError && err instanceof InvalidArgumentError);
        assert.equal(err.message, 'vars.loop (Variable default/loop) refers to itself in valueFrom.template');
        return true;
      },
    );
  });

  void it('refuses templates that refer to each other in a cycle, naming them', () => {
    assert.throws(
      () =>
        resolve({
          variables: [
            variable('a', { valueFrom: { template: '{{vars.b}}' } }),
            variable('b', { valueFrom: { template: '{{#if vars.x}}{{/if}}{{vars.c}}' } }),
            variable('c', { valueFrom: { template: '{{default vars.a "fallback"}}' } }),
            variable('x', { value: 1 }),
          ],
        }),
      {
        name: 'VariableCycleError',
        message: 'variable templates refer to each other in a cycle: vars.a (Variable default/a) -> vars.b (Variable default/b) -> vars.c (Variable default/c) -> vars.a (Variable default/a)',
      },
    );
  });

  void it('keeps the type of a single-expression template', () => {
    const r = resolve({ variables: [variable('n', { value: 2 }), variable('twice', { valueFrom: { template: '{{mul vars.n 2}}' } }), variable('on', { valueFrom: { template: '{{eq vars.n 2}}' } })] });
    assert.deepEqual(r.vars, { n: 2, on: true, twice: 4 });
  });
});

void describe('templateContext', () => {
  void it('builds the reserved roots and the registered results', () => {
    const ctx = templateContext({
      vars: { a: 1 },
      facts: { os: 'linux' },
      node,
      clusterNodes: [node, { name: 'web-2' }],
      item: { name: 'x' },
      index: 0,
      registered: { token: { stdout: 'abc' } },
    });
    assert.deepEqual(Object.keys(ctx).sort(), ['cluster', 'facts', 'index', 'item', 'node', 'secrets', 'token', 'vars']);
    assert.deepEqual(ctx.cluster, {
      nodes: [
        { name: 'web-1', labels: { tier: 'web' }, addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] },
        { name: 'web-2', labels: {}, addresses: [] },
      ],
    });
    assert.equal(engine.render('{{token.stdout}} {{item.name}} {{index}} {{node.labels.tier}}', ctx, { name: 'n' }), 'abc x 0 web');
  });

  void it('has no item or index outside a loop', () => {
    const ctx = templateContext({ vars: {}, node });
    assert.equal('item' in ctx, false);
    assert.throws(() => engine.render('{{item}}', ctx, { name: 'n' }), { message: "n: line 1: 'item' is not defined" });
  });

  void it('refuses a registered name that is a reserved root', () => {
    for (const name of ['vars', 'facts', 'node', 'cluster', 'item', 'index', 'secrets']) {
      assert.throws(() => templateContext({ vars: {}, node, registered: { [name]: {} } }), { name: 'InvalidArgumentError', message: new RegExp(`register: '${name}' is reserved for templates`) });
    }
  });
});
