import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from '../../src/errors.js';
import { SecretValue, TemplateEngine, templateContext } from '../../src/templates/index.js';

const engine = new TemplateEngine();
const ctx = templateContext({
  vars: { port: 8080, host: 'db.internal', servers: ['a', 'b'], tls: false, html: '<b>&"\'</b>', nested: { inner: { value: 'deep' } }, empty: [] },
  facts: { distribution: 'debian', cpus: 4 },
  node: { name: 'web-1', labels: { tier: 'web' }, addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] },
  clusterNodes: [
    { name: 'web-1', addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] },
    { name: 'web-2', addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] },
  ],
  secrets: { db: { password: new SecretValue('pa55w0rd!') } },
});

function failure(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

const render = (src: string, name = 'spec.steps[2].file.template'): string => engine.render(src, ctx, { name });

void describe('strict mode', () => {
  void it('names the template, the line and the variable that is not defined', () => {
    const err = failure(() => render('listen {{vars.port}}\nhost {{vars.host}}\nuser {{vars.user}}\n'));
    assert.equal(err.code, 'INVALID_ARGUMENT');
    assert.deepEqual(err.issues, [{ path: 'spec.steps[2].file.template', message: "line 3: 'vars.user' is not defined" }]);
    assert.equal(err.message, "spec.steps[2].file.template: line 3: 'vars.user' is not defined");
  });

  void it('reports a missing middle part with the whole path, not a TypeError', () => {
    assert.equal(failure(() => render('{{vars.db.host}}')).issues[0].message, "line 1: 'vars.db.host' is not defined");
    assert.equal(failure(() => render('{{vars.port.number}}')).issues[0].message, "line 1: 'vars.port.number' is not defined");
    assert.equal(failure(() => render('{{nope.at.all}}')).issues[0].message, "line 1: 'nope.at.all' is not defined");
  });

  void it('is strict in helper arguments, #each, #with, block params, @data and partial arguments', () => {
    assert.match(failure(() => render('{{upper vars.nme}}')).message, /line 1: 'vars\.nme' is not defined/);
    assert.match(failure(() => render('{{join vars.severs ","}}')).message, /'vars\.severs' is not defined/);
    assert.match(failure(() => render('{{#each vars.severs}}x{{/each}}')).message, /'vars\.severs' is not defined/);
    assert.match(failure(() => render('{{#with vars.nope}}x{{/with}}')).message, /'vars\.nope' is not defined/);
    assert.match(failure(() => render('{{#each vars.servers as |s|}}\n{{s.name}}{{/each}}')).message, /line 2: 's\.name' is not defined/);
    assert.match(failure(() => render('{{@index}}')).message, /'@index' is not defined/);
    assert.match(failure(() => render('{{@root.vars.nope}}')).message, /'@root\.vars\.nope' is not defined/);
    assert.match(failure(() => render('{{eq (upper vars.nope) "X"}}')).message, /'vars\.nope' is not defined/);
  });

  void it('lets default, if and unless take variables that are not defined', () => {
    assert.equal(render('{{default vars.listen 8080}}'), '8080');
    assert.equal(render('{{default vars.a.b.c "x"}}'), 'x');
    assert.equal(render('{{#if vars.optional}}yes{{else}}no{{/if}}'), 'no');
    assert.equal(render('{{#if vars.a.b}}yes{{else if vars.port}}port{{/if}}'), 'port');
    assert.equal(render('{{#unless vars.optional}}absent{{/unless}}'), 'absent');
    assert.equal(render('{{#if (default vars.optional false)}}y{{else}}n{{/if}}'), 'n');
  });

  void it('reads loops, the root and parent contexts', () => {
    assert.equal(render('{{#each vars.servers}}{{@index}}={{this}}@{{../node.name}};{{/each}}'), '0=a@web-1;1=b@web-1;');
    assert.equal(render('{{#each cluster.nodes}}{{name}} {{addresses.0.address}}\n{{/each}}'), 'web-1 10.0.0.1\nweb-2 10.0.0.2\n');
    assert.equal(render('{{#each vars.servers as |s i|}}{{i}}:{{s}}{{@root.vars.port}} {{/each}}'), '0:a8080 1:b8080 ');
    assert.equal(render('{{#with vars.nested.inner}}{{value}}{{/with}}'), 'deep');
    assert.equal(render('{{vars.servers.length}} {{vars.servers.[1]}} {{node.labels.tier}} {{facts.cpus}}'), '2 b web 4');
    assert.equal(render('{{#each vars.empty}}x{{else}}none{{/each}}'), 'none');
  });

  void it('explains why an absent variable has no value when the context knows', () => {
    const c = templateContext({ vars: {}, node: { name: 'n' }, unresolved: { token: 'Variable default/token: its command has not produced a value yet' } });
    assert.equal(
      failure(() => engine.render('{{vars.token}}', c, { name: 't' })).message,
      "t: line 1: 'vars.token' is not defined (Variable default/token: its command has not produced a value yet)",
    );
    assert.equal(failure(() => engine.render('{{vars.other}}', c, { name: 't' })).message, "t: line 1: 'vars.other' is not defined");
  });
});

void describe('output', () => {
  void it('does not escape HTML', () => {
    assert.equal(render('{{vars.html}} {{{vars.html}}}'), '<b>&"\'</b> <b>&"\'</b>');
  });

  void it('prints null as nothing and refuses to print lists and objects', () => {
    assert.equal(engine.render('[{{x}}]', { x: null }, { name: 'n' }), '[]');
    assert.match(failure(() => render('{{vars.servers}}')).message, /line 1: cannot print a list; use join, toJson or toYaml/);
    assert.match(failure(() => render('{{vars.nested}}')).message, /line 1: cannot print an object; use toJson or toYaml/);
  });

  void it('prints a secret in plain and records it as revealed', () => {
    const revealed = new Set<string>();
    assert.equal(engine.render('password={{secrets.db.password}}', ctx, { name: 'n', revealed }), 'password=pa55w0rd!');
    assert.deepEqual([...revealed], ['pa55w0rd!']);
  });

  void it('keeps standalone block lines out of the output and indents partials', () => {
    const src = 'servers:\n{{#each vars.servers}}\n  - {{this}}\n{{/each}}\nend\n';
    assert.equal(render(src), 'servers:\n  - a\n  - b\nend\n');
    const partials = new Map([['item.hbs', 'name: {{name}}\nport: {{port}}\n']]);
    assert.equal(engine.render('list:\n  {{> item.hbs name="x" port=1}}\n', {}, { name: 'n', partials }), 'list:\n  name: x\n  port: 1\n');
  });
});

void describe('security', () => {
  void it('blocks prototype access', () => {
    for (const src of ['{{constructor.constructor}}', '{{__proto__}}', '{{vars.__proto__}}', '{{toString}}', '{{vars.servers.constructor}}', '{{vars.host.constructor.name}}', '{{__proto__.polluted}}']) {
      assert.match(failure(() => render(src)).message, /is not defined/, src);
    }
    assert.equal(render('{{default constructor "safe"}}'), 'safe');
    assert.equal(render('{{#if constructor}}leak{{else}}safe{{/if}}'), 'safe');
    assert.match(failure(() => render('{{#with constructor}}{{name}}{{/with}}')).message, /'constructor' is not defined/);
    assert.match(failure(() => render('{{#each vars.servers}}{{constructor}}{{/each}}')).message, /'constructor' is not defined/);
  });

  void it('reads own data of the context only, never calls functions in it', () => {
    let called = false;
    const c = { f: () => ((called = true), 'ran'), o: Object.create({ inherited: 'x' }) as object };
    assert.match(failure(() => engine.render('{{f}}', c, { name: 'n' })).message, /'f' is not defined/);
    assert.match(failure(() => engine.render('{{o.inherited}}', c, { name: 'n' })).message, /'o\.inherited' is not defined/);
    assert.equal(called, false);
  });

  void it('refuses unknown helpers, lookup, log, decorators, inline partials and partial blocks', () => {
    assert.match(failure(() => render('{{shell "rm -rf /"}}')).message, /line 1: unknown helper 'shell' \(helpers: add, and, /);
    assert.match(failure(() => render('{{lookup vars "port"}}')).message, /unknown helper 'lookup'/);
    assert.match(failure(() => render('{{log "x"}}')).message, /unknown helper 'log'/);
    assert.match(failure(() => render('{{helperMissing "x"}}')).message, /unknown helper 'helperMissing'/);
    assert.match(failure(() => render('{{#*inline "p"}}x{{/inline}}{{> p}}')).message, /line 1: decorators and inline partials .* are not supported/);
    assert.match(failure(() => render('{{* decorate}}')).message, /decorators and inline partials/);
    assert.match(failure(() => render('x\n{{#> layout}}fallback{{/layout}}')).message, /line 2: partial blocks .* are not supported/);
    assert.match(failure(() => render('{{> (upper "a")}}')).message, /dynamic partial names .* are not supported/);
  });

  void it('refuses partial names that would leave the TaskBook tree', () => {
    const cases: [string, RegExp][] = [
      ['{{> ../etc/passwd}}', /partial '\.\.\/etc\/passwd' must not contain '\.\.' components/],
      ['{{> "nginx/../../secret"}}', /must not contain '\.\.' components/],
      ['{{> "/etc/shadow"}}', /partial '\/etc\/shadow' must be relative to the repository root/],
      ['{{> "a\\b"}}', /must not contain '\\'/],
      ['{{> "a\u0000b"}}', /must not contain NUL/],
      ['{{> "./a"}}', /must not have empty or '\.' components/],
      ['{{> "a//b"}}', /must not have empty or '\.' components/],
    ];
    for (const [src, pattern] of cases) {
      const err = failure(() => engine.partialNames(src, { name: 'spec.steps[0].file.src' }));
      assert.match(err.message, /^spec\.steps\[0\]\.file\.src: line 1: partial /, src);
      assert.match(err.message, pattern, src);
      assert.match(err.message, /a partial must be a file inside the TaskBook's tree/);
      assert.match(failure(() => engine.render(src, {}, { name: 'r', partials: new Map([['x', 'y']]) })).message, pattern, src);
    }
  });
});

void describe('syntax errors', () => {
  void it('turns handlebars messages into one clean line with the line number', () => {
    const cases: [string, string][] = [
      ['a\n{{#if vars.tls}}\nx\n', "line 4: syntax error after '{{#if vars.tls}}x': unexpected end of template (a block is not closed)"],
      ['x\n{{#if vars.tls}}\n{{/iff}}', 'line 2: {{/iff}} does not close {{#if}}'],
      ['ok\n{{vars.port', "line 2: syntax error after 'ok{{vars.': unexpected invalid text"],
      ['{{vars.port}}}', "line 1: syntax error after '{{vars.port': unexpected '}}}'"],
      ['{{!-- never closed', "line 1: syntax error after '{{!-': unrecognized text"],
      ['{{a/../b}}', 'line 1: invalid path: a/..'],
    ];
    for (const [src, message] of cases) {
      const err = failure(() => engine.render(src, ctx, { name: 'tpl' }));
      assert.deepEqual(err.issues, [{ path: 'tpl', message }], src);
    }
  });
});

void describe('caching', () => {
  void it('compiles a template once however often a looped step renders it', () => {
    const e = new TemplateEngine();
    const src = 'server {{item.name}}:{{vars.port}} # {{index}}\n';
    for (let i = 0; i < 200; i++) {
      assert.equal(e.render(src, { ...ctx, item: { name: `s${i}` }, index: i }, { name: 'n' }), `server s${i}:8080 # ${i}\n`);
    }
    assert.deepEqual(e.stats, { compiles: 1, cacheHits: 199, cached: 1 });
    e.render(`${src} `, { ...ctx, item: { name: 'x' }, index: 0 }, { name: 'n' });
    assert.equal(e.stats.compiles, 2);
  });

  void it('renders 200 small templates quickly (time reported, not asserted)', (t) => {
    const e = new TemplateEngine();
    const src = 'upstream {{item.name}} {{item.addr}}:{{default vars.port 80}}{{#if (eq item.name "s0")}} primary{{/if}}\n';
    const run = (): number => {
      const started = process.hrtime.bigint();
      let chars = 0;
      for (let i = 0; i < 200; i++) chars += e.render(src, { ...ctx, item: { name: `s${i}`, addr: `10.0.${i >> 8}.${i & 255}` }, index: i }, { name: 'n' }).length;
      assert.ok(chars > 0);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const first = run();
    const warm = Math.min(run(), run(), run());
    t.diagnostic(`200 renders: first round ${first.toFixed(2)} ms (includes the one compile), warm ${warm.toFixed(2)} ms`);
    assert.equal(e.stats.compiles, 1);
  });

  void it('keeps the cache bounded (LRU)', () => {
    const e = new TemplateEngine({ cacheEntries: 3 });
    for (const n of [1, 2, 3, 4]) e.render(`{{vars.port}}${n}`, ctx, { name: 'n' });
    assert.equal(e.stats.cached, 3);
    e.render('{{vars.port}}4', ctx, { name: 'n' });
    assert.equal(e.stats.compiles, 4);
    e.render('{{vars.port}}1', ctx, { name: 'n' });
    assert.equal(e.stats.compiles, 5);
  });

  void it('does not compile text without mustaches', () => {
    const e = new TemplateEngine();
    assert.equal(e.render('plain text, no templates\n', ctx, { name: 'n' }), 'plain text, no templates\n');
    assert.equal(e.stats.compiles, 0);
  });
});

void describe('limits', () => {
  void it('caps the output while rendering', () => {
    const e = new TemplateEngine({ maxOutputBytes: 1024 });
    assert.equal(failure(() => e.render('{{#each (range 1000)}}abcdef{{/each}}', ctx, { name: 'n' })).message, 'n: the output is larger than 1 KiB');
    assert.match(failure(() => e.render('{{#each (range 1000)}}{{@index}}{{/each}}', ctx, { name: 'n' })).message, /^n: line 1: the output is larger than 1 KiB$/);
    assert.match(failure(() => e.render('{{#each (range 600)}}é{{/each}}', ctx, { name: 'n' })).message, /the output is larger than 1 KiB/);
    const partials = new Map([['p', '{{#each (range 100)}}x\n{{/each}}']]);
    assert.match(failure(() => e.render('          {{> p}}\n', ctx, { name: 'n', partials })).message, /the output is larger than 1 KiB/);
    assert.equal(e.render('{{#each (range 100)}}abcdefghi{{/each}}', ctx, { name: 'n' }).length, 900);
  });

  void it('refuses sources larger than 1 MiB', () => {
    assert.equal(failure(() => engine.render(`${'x'.repeat(1024 * 1024)}{{vars.port}}`, ctx, { name: 'n' })).message, 'n: the template is larger than 1 MiB');
    assert.equal(failure(() => engine.render('é'.repeat(600 * 1024), ctx, { name: 'n' })).message, 'n: the template is larger than 1 MiB');
    const partials = new Map([['big', `${'x'.repeat(1024 * 1024)}{{this}}`]]);
    assert.equal(failure(() => engine.render('{{> big}}', ctx, { name: 'n', partials })).message, "n: partial 'big': the template is larger than 1 MiB");
  });

  void it('refuses deep nesting before handlebars parses it', () => {
    const started = Date.now();
    const blocks = `${'{{#if a}}'.repeat(60_000)}x${'{{/if}}'.repeat(60_000)}`;
    assert.equal(failure(() => engine.render(blocks, ctx, { name: 'n' })).message, 'n: line 1: blocks are nested deeper than 64 levels');
    const chain = `{{#if a}}${'{{else if b}}x'.repeat(5000)}{{/if}}`;
    assert.match(failure(() => engine.render(chain, ctx, { name: 'n' })).message, /blocks are nested deeper than 64 levels/);
    const sexpr = `{{upper ${'(upper '.repeat(100)}"x"${')'.repeat(100)}}}`;
    assert.match(failure(() => engine.render(sexpr, ctx, { name: 'n' })).message, /expressions are nested deeper than 64 levels/);
    assert.match(failure(() => engine.render('{{vars.port}}'.repeat(20_001), ctx, { name: 'n' })).message, /more than 20000 \{\{expressions\}\}/);
    assert.ok(Date.now() - started < 5000);
    assert.equal(engine.render(`${'{{#if vars.port}}'.repeat(60)}x${'{{/if}}'.repeat(60)}`, ctx, { name: 'n' }), 'x');
  });

  void it('bounds loop iterations', () => {
    const e = new TemplateEngine({ maxIterations: 1000 });
    assert.equal(
      failure(() => e.render('{{#each (range 100)}}\n{{#each (range 100)}}{{/each}}{{/each}}', ctx, { name: 'n' })).message,
      'n: line 2: the template runs more than 1000 loop iterations and partial calls',
    );
  });

  void it('stops a partial that includes itself with a clear error', () => {
    const partials = new Map([
      ['loop.hbs', 'again\n{{> loop.hbs}}'],
      ['a', '{{> b}}'],
      ['b', '{{> a}}'],
    ]);
    assert.equal(
      failure(() => engine.render('{{> loop.hbs}}', ctx, { name: 'n', partials })).message,
      "n: partial 'loop.hbs': partials nest deeper than 32 levels (does a partial include itself?)",
    );
    assert.match(failure(() => engine.render('x\n{{> a}}', ctx, { name: 'n', partials })).message, /partials nest deeper than 32 levels/);
  });

  void it('renders a recursive partial over finite data', () => {
    const tree = { name: 'root', children: [{ name: 'a', children: [{ name: 'a1', children: [] }] }, { name: 'b', children: [] }] };
    const partials = new Map([['node', '{{name}}{{#if children}}({{#each children}}{{> node}}{{/each}}){{/if}} ']]);
    assert.equal(engine.render('{{> node}}', tree, { name: 'n', partials }), 'root(a(a1 ) b ) ');
  });
});

void describe('partials', () => {
  void it('lists the partials a template includes, each once', () => {
    assert.deepEqual(engine.partialNames('{{> header.hbs}}\n{{#each vars.servers}}{{> nginx/server.hbs}}{{/each}}{{> header.hbs}}{{> "quoted name"}}'), [
      'header.hbs',
      'nginx/server.hbs',
      'quoted name',
    ]);
    assert.deepEqual(engine.partialNames('no partials {{vars.port}}'), []);
    assert.deepEqual(engine.partialNames('plain'), []);
  });

  void it('renders partials from the map the caller loaded, and names the partial in errors', () => {
    const partials = new Map([
      ['server.hbs', 'server {{this}} {\n  port {{@root.vars.port}};\n{{> common/tail.hbs}}\n}\n'],
      ['common/tail.hbs', '  # {{@root.node.name}}\n'],
      ['broken.hbs', 'ok\n{{vars.missing}}'],
    ]);
    assert.equal(
      engine.render('{{#each vars.servers}}{{> server.hbs}}{{/each}}', ctx, { name: 'n', partials }),
      'server a {\n  port 8080;\n  # web-1\n}\nserver b {\n  port 8080;\n  # web-1\n}\n',
    );
    assert.equal(failure(() => engine.render('x\n{{> broken.hbs}}', ctx, { name: 'n', partials })).message, "n: partial 'broken.hbs': line 2: 'vars.missing' is not defined");
    assert.equal(failure(() => engine.render('x\n\n{{> absent.hbs}}', ctx, { name: 'n', partials })).message, "n: line 3: partial 'absent.hbs' was not loaded (partials are files of the TaskBook's tree)");
    const nested = new Map([['outer', 'a\n{{> inner}}']]);
    assert.equal(failure(() => engine.render('{{> outer}}', ctx, { name: 'n', partials: nested })).message, "n: partial 'outer': line 2: partial 'inner' was not loaded (partials are files of the TaskBook's tree)");
    const bad = new Map([['syntax', 'x\n{{#if a}}']]);
    assert.match(failure(() => engine.render('{{> syntax}}', ctx, { name: 'n', partials: bad })).message, /^n: partial 'syntax': line 2: syntax error/);
  });
});

void describe('truthy', () => {
  const table: [boolean | string, boolean][] = [
    [true, true],
    [false, false],
    ['{{vars.tls}}', false],
    ['{{eq facts.distribution "debian"}}', true],
    ['{{eq facts.distribution "fedora"}}', false],
    ['{{vars.port}}', true],
    ['{{#if vars.optional}}yes{{/if}}', false],
    ['{{default vars.optional "no"}}', false],
    ['  {{default vars.optional "FALSE"}} ', false],
    ['{{default vars.optional 0}}', false],
    ['{{default vars.optional null}}', false],
    ['{{default vars.optional "Null"}}', false],
    ['{{default vars.optional "undefined"}}', false],
    ['{{default vars.optional "yes"}}', true],
    ['{{default vars.optional "off"}}', true],
    ['{{len vars.servers}}', true],
    ['{{len vars.empty}}', false],
    ['{{not (contains vars.servers "a")}}', false],
  ];
  for (const [cond, want] of table) {
    void it(`reads ${JSON.stringify(cond)} as ${want}`, () => {
      assert.equal(engine.truthy(cond, ctx, { name: 'spec.steps[0].when' }), want);
    });
  }

  void it('fails a condition that names a missing variable', () => {
    assert.equal(failure(() => engine.truthy('{{vars.enabled}}', ctx, { name: 'spec.steps[0].when' })).message, "spec.steps[0].when: line 1: 'vars.enabled' is not defined");
  });

  void it('evaluates changedWhen over command results', () => {
    const values = { ...ctx, rc: 2, stdout: 'changed: 3\n', stderr: '' };
    assert.equal(engine.truthy('{{eq rc 2}}', values, { name: 'changedWhen' }), true);
    assert.equal(engine.truthy('{{contains stdout "changed: 0"}}', values, { name: 'changedWhen' }), false);
  });
});

void describe('renderValue', () => {
  void it('renders strings deep inside args, keeps raw fields and types', () => {
    const args = {
      path: '/etc/{{node.name}}/app.conf',
      mode: '0644',
      port: '{{vars.port}}',
      backup: '{{vars.tls}}',
      names: '{{vars.servers}}',
      argv: ['echo', '{{vars.host}}', { nested: '{{facts.cpus}}' }],
      env: { HOST: '{{vars.host}}:{{vars.port}}', N: 3 },
      template: 'raw {{vars.nope}} kept',
      changedWhen: '{{eq rc 0}}',
      '{{key}}': 'keys are not rendered',
    };
    const out = engine.renderValue(args, ctx, { name: 'spec.steps[2].file', raw: ['template', 'changedWhen'] });
    assert.deepEqual(out, {
      path: '/etc/web-1/app.conf',
      mode: '0644',
      port: 8080,
      backup: false,
      names: ['a', 'b'],
      argv: ['echo', 'db.internal', { nested: 4 }],
      env: { HOST: 'db.internal:8080', N: 3 },
      template: 'raw {{vars.nope}} kept',
      changedWhen: '{{eq rc 0}}',
      '{{key}}': 'keys are not rendered',
    });
    assert.notEqual((out as { names: unknown }).names, ctx.vars, 'values are copies');
  });

  void it('names the field of a failing template', () => {
    const args = { path: '/x', argv: ['a', 'b', '{{vars.nope}}'] };
    assert.equal(failure(() => engine.renderValue(args, ctx, { name: 'spec.steps[2].command' })).message, "spec.steps[2].command.argv[2]: line 1: 'vars.nope' is not defined");
    assert.equal(failure(() => engine.renderValue({ path: '{{vars.x}}' }, ctx, { name: 'spec.steps[2].file' })).issues[0].path, 'spec.steps[2].file.path');
  });

  void it('gives secrets as plain text and records them', () => {
    const revealed = new Set<string>();
    const out = engine.renderValue({ env: { PGPASSWORD: '{{secrets.db.password}}', URL: 'postgres://u:{{secrets.db.password}}@h' } }, ctx, { name: 'a', revealed });
    assert.deepEqual(out, { env: { PGPASSWORD: 'pa55w0rd!', URL: 'postgres://u:pa55w0rd!@h' } });
    assert.deepEqual([...revealed], ['pa55w0rd!']);
  });

  void it('copies a __proto__ key as data', () => {
    const out = engine.renderValue(JSON.parse('{"__proto__": {"polluted": "{{vars.port}}"}}'), ctx, { name: 'a' }) as Record<string, unknown>;
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, { polluted: 8080 });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  void it('renders a top-level string or list too', () => {
    assert.equal(engine.renderValue('{{vars.host}}', ctx, { name: 'x' }), 'db.internal');
    assert.deepEqual(engine.renderValue(['{{vars.port}}', 'x{{vars.port}}'], ctx, { name: 'x' }), [8080, 'x8080']);
  });
});

void describe('renderList and evaluate', () => {
  void it('yields the value of a single expression', () => {
    assert.deepEqual(engine.evaluate('{{vars.servers}}', ctx, { name: 'n' }), ['a', 'b']);
    assert.deepEqual(engine.evaluate(' {{vars.nested.inner}}\n', ctx, { name: 'n' }), { value: 'deep' });
    assert.equal(engine.evaluate('{{default vars.nope 3}}', ctx, { name: 'n' }), 3);
    assert.equal(engine.evaluate('{{vars.port}}/tcp', ctx, { name: 'n' }), '8080/tcp');
    assert.ok(engine.evaluate('{{secrets.db.password}}', ctx, { name: 'n' }) instanceof SecretValue);
  });

  void it('turns a loop template into its list', () => {
    const table: [string, unknown[]][] = [
      ['{{vars.servers}}', ['a', 'b']],
      ['{{cluster.nodes}}', ctx.cluster as unknown[]],
      ['{{range 3}}', [0, 1, 2]],
      ['{{split "x y" " "}}', ['x', 'y']],
      ['{{default vars.extra null}}', []],
      ['{{toJson vars.servers}}', ['a', 'b']],
      ['[{{#each vars.servers}}"{{this}}-x"{{#unless @last}},{{/unless}}{{/each}}]', ['a-x', 'b-x']],
      ['{{#if vars.optional}}[1]{{/if}}', []],
    ];
    table[1][1] = (ctx.cluster as { nodes: unknown[] }).nodes;
    for (const [src, want] of table) assert.deepEqual(engine.renderList(src, ctx, { name: 'spec.steps[1].loop' }), want, src);
  });

  void it('refuses a loop template that is not a list', () => {
    assert.equal(failure(() => engine.renderList('{{vars.host}}', ctx, { name: 'spec.steps[1].loop' })).message, "spec.steps[1].loop: must render a list (got the string 'db.internal'); write '{{vars.list}}' or print JSON with toJson");
    assert.equal(failure(() => engine.renderList('{{vars.port}}', ctx, { name: 'l' })).message, 'l: must render a list (got number 8080)');
    assert.equal(failure(() => engine.renderList('{{vars.nope}}', ctx, { name: 'l' })).message, "l: line 1: 'vars.nope' is not defined");
    const e = new TemplateEngine({ maxListItems: 5 });
    assert.equal(failure(() => e.renderList('{{range 6}}', ctx, { name: 'l' })).message, 'l: renders 6 items; at most 5 are allowed');
  });
});
