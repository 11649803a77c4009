// A corpus of bad documents: each must be refused with an error that names
// the file, the document or line, the field path and the reason.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError, formatIssue, type FieldIssue } from '../../src/errors.js';
import { MAX_OBJECT_BYTES, parseDocuments } from '../../src/resources/index.js';

const HEAD = 'apiVersion: flotilla/v1alpha1\n';

/** A TaskBook document with `spec` (indented YAML lines under `spec:`). */
function taskBook(specLines: string, name = 'web'): string {
  return `${HEAD}kind: TaskBook\nmetadata:\n  name: ${name}\nspec:\n${specLines}`;
}

/** A TaskBook with targets and one step whose YAML lines are given (indented for a list item). */
function withStep(stepLines: string, extra = ''): string {
  return taskBook(`  targets: {nodeGroup: web}\n  steps:\n    - ${stepLines.trim().split('\n').join('\n      ')}\n${extra}`);
}

interface Case {
  readonly name: string;
  readonly yaml: string;
  /** the field path of the expected issue ('' for the whole document) */
  readonly path: string;
  /** a fragment of its message */
  readonly reason: string | RegExp;
  /** the line it must point at, when the case pins it */
  readonly line?: number;
}

const long = 'a'.repeat(64);

const CASES: readonly Case[] = [
  // YAML itself
  { name: 'an unterminated quote', yaml: `${HEAD}kind: "Node\nmetadata: {name: x}\n`, path: '', reason: 'invalid YAML' },
  { name: 'tabs as indentation', yaml: `${HEAD}kind: Node\nmetadata:\n\tname: x\n`, path: '', reason: 'invalid YAML', line: 4 },
  { name: 'a duplicate key', yaml: `${HEAD}kind: Node\nkind: Node\nmetadata: {name: x}\n`, path: '', reason: 'invalid YAML: map keys must be unique', line: 3 },
  { name: 'an unclosed flow map', yaml: `${HEAD}kind: Node\nmetadata: {name: x\n`, path: '', reason: 'invalid YAML' },
  { name: 'an unknown tag', yaml: `${HEAD}kind: Node\nmetadata: {name: !secret x}\n`, path: '', reason: /invalid YAML: unresolved tag/i, line: 3 },
  { name: 'a list as a mapping key', yaml: `${HEAD}kind: Node\nmetadata: {name: x}\nspec:\n  ? [a, b]\n  : 1\n`, path: '', reason: 'mapping keys must be plain strings', line: 5 },
  { name: 'a list as the document', yaml: '- a\n- b\n', path: '', reason: 'must be a mapping with apiVersion, kind, metadata and spec' },

  // envelope
  { name: 'a missing apiVersion', yaml: 'kind: Node\nmetadata: {name: x}\n', path: 'apiVersion', reason: 'is required' },
  { name: 'a wrong apiVersion', yaml: 'apiVersion: v1\nkind: Node\nmetadata: {name: x}\n', path: 'apiVersion', reason: "must be 'flotilla/v1alpha1' (got 'v1')", line: 1 },
  { name: 'a missing kind', yaml: `${HEAD}metadata: {name: x}\n`, path: 'kind', reason: 'is required' },
  { name: 'a kind that is not a string', yaml: `${HEAD}kind: [Node]\nmetadata: {name: x}\n`, path: 'kind', reason: 'must be a string (got a list)' },
  { name: 'an unknown kind', yaml: `${HEAD}kind: Widget\nmetadata: {name: x}\n`, path: 'kind', reason: /unknown kind 'Widget'; known kinds: Namespace, .*TaskBook/, line: 2 },
  { name: 'a kind written in lower case', yaml: `${HEAD}kind: taskbook\nmetadata: {name: x}\n`, path: 'kind', reason: "did you mean 'TaskBook'?" },
  { name: 'a metadata.kind that conflicts with kind', yaml: `${HEAD}kind: Node\nmetadata: {name: x, kind: NodeGroup}\n`, path: 'metadata.kind', reason: "'NodeGroup' conflicts with kind 'Node'" },
  { name: 'a metadata.apiVersion that conflicts', yaml: `${HEAD}kind: Node\nmetadata: {name: x, apiVersion: v2}\n`, path: 'metadata.apiVersion', reason: 'conflicts with apiVersion' },
  { name: 'an unknown top-level field', yaml: `${HEAD}kind: Node\nmetadata: {name: x}\nspecs: {}\n`, path: 'specs', reason: "unknown field 'specs' (did you mean 'spec'?)", line: 4 },
  { name: 'an unknown metadata field', yaml: `${HEAD}kind: Node\nmetadata:\n  name: x\n  lables: {a: b}\n`, path: 'metadata.lables', reason: "unknown field 'lables' (did you mean 'labels'?)", line: 5 },
  { name: 'a missing metadata', yaml: `${HEAD}kind: Node\n`, path: 'metadata', reason: 'is required' },
  { name: 'a missing name', yaml: `${HEAD}kind: Node\nmetadata:\n  labels: {a: b}\n`, path: 'metadata.name', reason: 'is required', line: 4 },
  { name: 'a missing spec', yaml: `${HEAD}kind: TaskBook\nmetadata: {name: x}\n`, path: 'spec', reason: 'is required' },
  { name: 'a spec that is a list', yaml: `${HEAD}kind: TaskBook\nmetadata: {name: x}\nspec: [1]\n`, path: 'spec', reason: 'must be an object (got a list)' },

  // names
  { name: "a name with '/'", yaml: `${HEAD}kind: Node\nmetadata: {name: a/b}\n`, path: 'metadata.name', reason: "'a/b' is not a valid name: must be a lower-case DNS label" },
  { name: "the name '..'", yaml: `${HEAD}kind: Node\nmetadata: {name: ..}\n`, path: 'metadata.name', reason: "'..' is not a valid name" },
  { name: "the name '.'", yaml: `${HEAD}kind: Node\nmetadata: {name: .}\n`, path: 'metadata.name', reason: "'.' is not a valid name" },
  { name: 'a name with a dot', yaml: `${HEAD}kind: Node\nmetadata: {name: web.1}\n`, path: 'metadata.name', reason: 'lower-case DNS label' },
  { name: 'an upper-case name', yaml: `${HEAD}kind: Node\nmetadata: {name: Web}\n`, path: 'metadata.name', reason: "'Web' is not a valid name" },
  { name: 'a name ending in a dash', yaml: `${HEAD}kind: Node\nmetadata: {name: web-}\n`, path: 'metadata.name', reason: 'lower-case DNS label' },
  { name: 'a 64-character name', yaml: `${HEAD}kind: Node\nmetadata: {name: ${long}}\n`, path: 'metadata.name', reason: 'at most 63 characters' },
  { name: 'an empty name', yaml: `${HEAD}kind: Node\nmetadata: {name: ""}\n`, path: 'metadata.name', reason: 'must not be empty' },
  { name: 'a numeric name', yaml: `${HEAD}kind: Node\nmetadata: {name: 12}\n`, path: 'metadata.name', reason: 'must be a name (got a number)' },
  { name: 'an invalid namespace', yaml: `${HEAD}kind: TaskBook\nmetadata: {name: x, namespace: Prod}\nspec: {steps: [{barrier: b}]}\n`, path: 'metadata.namespace', reason: "'Prod' is not a valid namespace" },
  { name: 'a cluster-scoped object with a namespace', yaml: `${HEAD}kind: NodeGroup\nmetadata: {name: web, namespace: default}\nspec: {nodes: [a]}\n`, path: 'metadata.namespace', reason: 'must not be set: NodeGroup is cluster-scoped' },
  { name: 'a Config not named cluster', yaml: `${HEAD}kind: Config\nmetadata: {name: main}\n`, path: 'metadata.name', reason: "must be 'cluster'" },
  { name: 'a non-numeric resourceVersion', yaml: `${HEAD}kind: Node\nmetadata: {name: x, resourceVersion: abc}\n`, path: 'metadata.resourceVersion', reason: 'store revision' },

  // labels and annotations
  { name: 'a label key with a space', yaml: `${HEAD}kind: Node\nmetadata:\n  name: x\n  labels: {"bad key": v}\n`, path: 'metadata.labels["bad key"]', reason: 'label key must be alphanumeric', line: 5 },
  { name: 'a label key with an empty name', yaml: `${HEAD}kind: Node\nmetadata: {name: x, labels: {"example.com/": v}}\n`, path: 'metadata.labels["example.com/"]', reason: 'label key has an empty name' },
  { name: 'a label key with an upper-case prefix', yaml: `${HEAD}kind: Node\nmetadata: {name: x, labels: {"Example.com/a": v}}\n`, path: 'metadata.labels["Example.com/a"]', reason: 'not a lower-case DNS subdomain' },
  { name: 'a label key name over 63 characters', yaml: `${HEAD}kind: Node\nmetadata: {name: x, labels: {${long}: v}}\n`, path: `metadata.labels.${long}`, reason: 'longer than 63' },
  { name: 'a label value with a space', yaml: `${HEAD}kind: Node\nmetadata: {name: x, labels: {tier: "web tier"}}\n`, path: 'metadata.labels.tier', reason: 'must be empty or alphanumeric' },
  { name: 'a label value starting with a dash', yaml: `${HEAD}kind: Node\nmetadata: {name: x, labels: {tier: -web}}\n`, path: 'metadata.labels.tier', reason: 'must be empty or alphanumeric' },
  { name: 'a label value over 63 characters', yaml: `${HEAD}kind: Node\nmetadata: {name: x, labels: {tier: ${long}}}\n`, path: 'metadata.labels.tier', reason: 'at most 63 characters' },
  { name: 'a label value that is a number', yaml: `${HEAD}kind: Node\nmetadata: {name: x, labels: {version: 1.2}}\n`, path: 'metadata.labels.version', reason: 'must be a quoted string (got a number)' },
  { name: 'an annotation key with a space', yaml: `${HEAD}kind: Node\nmetadata: {name: x, annotations: {"a b": c}}\n`, path: 'metadata.annotations["a b"]', reason: 'label key' },

  // sizes and hostile YAML
  {
    name: 'an object over 1 MiB',
    yaml: withStep(`file: {path: /tmp/big, content: "${'x'.repeat(MAX_OBJECT_BYTES)}"}`),
    path: '',
    reason: /object is too large: \d+ bytes as JSON, the limit is 1048576 bytes \(1 MiB\)/,
  },
  {
    name: 'a document over the source limit',
    yaml: `${HEAD}kind: Node\nmetadata: {name: x}\n# ${'x'.repeat(2 * MAX_OBJECT_BYTES)}\nspec: {}\n`,
    path: '',
    reason: 'document is too large',
  },
  {
    name: 'a YAML alias bomb',
    yaml:
      `${HEAD}kind: TaskBook\nmetadata: {name: x}\nspec:\n  vars:\n` +
      '    a: &a [x, x, x, x, x, x, x, x, x]\n    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
      '    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n' +
      '    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n    f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n',
    path: '',
    reason: 'too many alias expansions',
  },
  { name: 'deep flow nesting', yaml: `${HEAD}kind: TaskBook\nmetadata: {name: x}\nspec:\n  vars: {a: ${'['.repeat(70)}${']'.repeat(70)}}\n`, path: '', reason: 'nests deeper than 64 levels', line: 5 },
  { name: 'very deep flow nesting', yaml: `${HEAD}kind: Node\nmetadata: {name: x}\nspec: ${'['.repeat(100_000)}\n`, path: '', reason: 'nests deeper than 64 levels', line: 4 },
  {
    name: 'deep block nesting',
    yaml: `${HEAD}kind: TaskBook\nmetadata: {name: x}\nspec:\n  vars:\n${Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i + 2)}k${i}:`).join('\n')} 1\n`,
    path: '',
    reason: 'nests deeper than 64 levels',
  },
  { name: 'deep nesting through an alias', yaml: `${HEAD}kind: TaskBook\nmetadata: {name: x}\nspec:\n  vars:\n    a: &a ${'['.repeat(40)}${']'.repeat(40)}\n    b: ${'['.repeat(30)}*a${']'.repeat(30)}\n`, path: /^spec\.vars\.b/ as unknown as string, reason: 'nests deeper than 64 levels' },

  // steps
  { name: 'a step with two modules', yaml: withStep('name: two\nfile: {path: /etc/x, content: x}\npackage: {name: nginx}'), path: 'spec.steps[0]', reason: 'must have exactly one of: file, package, command, barrier (found file and package)', line: 10 },
  { name: 'a step with no module', yaml: withStep('name: nothing\nwhen: "{{x}}"'), path: 'spec.steps[0]', reason: 'must have exactly one of: file, package, command, barrier', line: 8 },
  { name: 'a barrier with controls', yaml: withStep('barrier: all here\nwhen: "{{x}}"\nretries: 2'), path: 'spec.steps[0].when', reason: 'is not allowed on a barrier step', line: 9 },
  { name: 'a barrier with runOnce', yaml: withStep('barrier: all here\nrunOnce: true'), path: 'spec.steps[0].runOnce', reason: 'is not allowed on a barrier step' },
  { name: 'a notify of a missing handler', yaml: withStep('command: {cmd: x}\nnotify: [reload nginx]', '  handlers:\n    - name: restart nginx\n      command: {cmd: y}\n'), path: 'spec.steps[0].notify[0]', reason: "no handler named 'reload nginx' (handlers: restart nginx)", line: 9 },
  { name: 'duplicate handler names', yaml: withStep('command: {cmd: x}', '  handlers:\n    - name: h\n      command: {cmd: y}\n    - name: h\n      command: {cmd: z}\n'), path: 'spec.handlers[1].name', reason: "duplicate handler name 'h'" },
  { name: 'a handler that notifies itself', yaml: withStep('command: {cmd: x}', '  handlers:\n    - name: h\n      command: {cmd: y}\n      notify: [h]\n'), path: 'spec.handlers[0].notify[0]', reason: 'cannot notify itself' },
  { name: 'a register name that is not an identifier', yaml: withStep('command: {cmd: x}\nregister: 1st'), path: 'spec.steps[0].register', reason: 'must be an identifier' },
  { name: 'a register name that shadows vars', yaml: withStep('command: {cmd: x}\nregister: vars'), path: 'spec.steps[0].register', reason: "'vars' is reserved" },
  { name: 'an export without runOnce', yaml: withStep('command: {cmd: x}\nexport: {variable: token}'), path: 'spec.steps[0].export', reason: 'requires runOnce: true' },
  { name: 'an export of stdout from a file step', yaml: withStep('file: {path: /x, content: y}\nrunOnce: true\nexport: {variable: t, from: stdout}'), path: 'spec.steps[0].export.from', reason: 'stdout needs a command step' },
  { name: 'a when that is not a template', yaml: withStep('command: {cmd: x}\nwhen: facts.os == debian'), path: 'spec.steps[0].when', reason: 'a plain string is always truthy' },
  { name: 'a loop that is a plain string', yaml: withStep('command: {cmd: x}\nloop: a,b'), path: 'spec.steps[0].loop', reason: 'must be a list or a template' },
  { name: 'negative retries', yaml: withStep('command: {cmd: x}\nretries: -1'), path: 'spec.steps[0].retries', reason: 'must be an integer from 0 to 100' },
  { name: 'a steps field that is not a list', yaml: taskBook('  steps: {a: 1}\n'), path: 'spec.steps', reason: 'must be a list (got an object)' },
  { name: 'a TaskBook with neither steps nor include', yaml: taskBook('  targets: {nodeGroup: web}\n'), path: 'spec', reason: 'must have at least one of: steps, include' },
  { name: 'an unknown field deep in a step', yaml: withStep('file: {path: /etc/x, content: x, mdoe: "0644"}'), path: 'spec.steps[0].file.mdoe', reason: "unknown field 'mdoe' (did you mean 'mode'?)", line: 8 },

  // module args
  { name: 'a file with content and src', yaml: withStep('file: {path: /etc/x, content: x, src: x.hbs}'), path: 'spec.steps[0].file', reason: 'must have exactly one of: content, template, src (found content and src)' },
  { name: 'a file with no content', yaml: withStep('file: {path: /etc/x}'), path: 'spec.steps[0].file', reason: 'must have exactly one of: content, template, src' },
  { name: 'a link without a target', yaml: withStep('file: {path: /etc/x, state: link}'), path: 'spec.steps[0].file.target', reason: 'is required when state is link' },
  { name: 'content on an absent file', yaml: withStep('file: {path: /etc/x, state: absent, content: x}'), path: 'spec.steps[0].file.content', reason: 'is not allowed with state absent' },
  { name: 'a relative file path', yaml: withStep('file: {path: etc/x, content: x}'), path: 'spec.steps[0].file.path', reason: "must be an absolute path (got 'etc/x')" },
  { name: "a src that climbs out with '..'", yaml: withStep('file: {path: /etc/x, src: ../secrets.hbs}'), path: 'spec.steps[0].file.src', reason: "must not contain '..' components" },
  { name: 'an unquoted mode', yaml: withStep('file: {path: /etc/x, content: x, mode: 0644}'), path: 'spec.steps[0].file.mode', reason: "must be a quoted octal string such as '0644'" },
  { name: 'a mode with a 9', yaml: withStep('file: {path: /etc/x, content: x, mode: "0699"}'), path: 'spec.steps[0].file.mode', reason: "'0699' is not an octal mode" },
  { name: 'a symbolic mode', yaml: withStep('file: {path: /etc/x, content: x, mode: "rw-r--r--"}'), path: 'spec.steps[0].file.mode', reason: 'is not an octal mode' },
  { name: 'a bad file state', yaml: withStep('file: {path: /etc/x, content: x, state: gone}'), path: 'spec.steps[0].file.state', reason: "must be one of: present, absent, directory, link (got 'gone')" },
  { name: 'a backup that is not a boolean', yaml: withStep('file: {path: /etc/x, content: x, backup: yes}'), path: 'spec.steps[0].file.backup', reason: 'must be true or false' },
  { name: 'a package name starting with a dash', yaml: withStep('package: {name: --force-yes}'), path: 'spec.steps[0].package.name', reason: 'is not a package name' },
  { name: 'an empty package list', yaml: withStep('package: {name: []}'), path: 'spec.steps[0].package.name', reason: 'must not be empty' },
  { name: 'a command with cmd and argv', yaml: withStep('command: {cmd: x, argv: [x]}'), path: 'spec.steps[0].command', reason: 'must have exactly one of: cmd, argv (found cmd and argv)' },
  { name: 'a bad environment variable name', yaml: withStep('command: {cmd: x, env: {"A-B": 1}}'), path: 'spec.steps[0].command.env.A-B', reason: 'environment variable name' },
  { name: 'a changedWhen that is a plain string', yaml: withStep('command: {cmd: x, changedWhen: "rc == 2"}'), path: 'spec.steps[0].command.changedWhen', reason: 'must be true, false or a template' },

  // scalar formats
  { name: 'a duration that is a number', yaml: withStep('command: {cmd: x}\ntimeout: 30'), path: 'spec.steps[0].timeout', reason: "must be a duration such as '30s', '5m' or '1h30m' (got a number)" },
  { name: 'a duration in words', yaml: withStep('command: {cmd: x}\ndelay: 5 minutes'), path: 'spec.steps[0].delay', reason: "must be a duration such as '30s', '5m' or '1h30m' (got '5 minutes')" },
  { name: 'a duration with an unknown unit', yaml: withStep('command: {cmd: x}\ntimeout: 1w'), path: 'spec.steps[0].timeout', reason: 'must be a duration' },
  { name: 'a serial of 0', yaml: taskBook('  strategy: {serial: 0}\n  steps: [{barrier: b}]\n'), path: 'spec.strategy.serial', reason: 'must be a positive integer or a percentage' },
  { name: 'a negative serial', yaml: taskBook('  strategy: {serial: -2}\n  steps: [{barrier: b}]\n'), path: 'spec.strategy.serial', reason: 'must be a positive integer or a percentage' },
  { name: 'a fractional serial', yaml: taskBook('  strategy: {serial: 1.5}\n  steps: [{barrier: b}]\n'), path: 'spec.strategy.serial', reason: 'must be a positive integer or a percentage' },
  { name: 'a serial of 0%', yaml: taskBook('  strategy: {serial: 0%}\n  steps: [{barrier: b}]\n'), path: 'spec.strategy.serial', reason: "must be a percentage from 1% to 100% (got '0%')" },
  { name: 'a serial of 150%', yaml: taskBook('  strategy: {serial: 150%}\n  steps: [{barrier: b}]\n'), path: 'spec.strategy.serial', reason: 'from 1% to 100%' },
  { name: 'a serial in words', yaml: taskBook('  strategy: {serial: half}\n  steps: [{barrier: b}]\n'), path: 'spec.strategy.serial', reason: 'must be a positive integer or a percentage' },
  { name: 'a maxFailPercentage over 100', yaml: taskBook('  strategy: {maxFailPercentage: 101}\n  steps: [{barrier: b}]\n'), path: 'spec.strategy.maxFailPercentage', reason: 'must be an integer from 0 to 100' },
  { name: 'a var that is .inf', yaml: taskBook('  vars: {x: .inf}\n  steps: [{barrier: b}]\n'), path: 'spec.vars.x', reason: 'must be a finite number (got Infinity)' },
  { name: 'a var that is .nan', yaml: taskBook('  vars: {x: .nan}\n  steps: [{barrier: b}]\n'), path: 'spec.vars.x', reason: 'must be a finite number (got NaN)' },
  { name: 'a var name with a dot', yaml: taskBook('  vars: {a.b: 1}\n  steps: [{barrier: b}]\n'), path: 'spec.vars["a.b"]', reason: "variable name 'a.b'" },

  // targets and selectors
  { name: 'targets with a NodeGroup and nodes', yaml: taskBook('  targets: {nodeGroup: web, nodes: [a]}\n  steps: [{barrier: b}]\n'), path: 'spec.targets', reason: 'must have exactly one of: nodeGroup, selector, nodes (found nodeGroup and nodes)' },
  { name: 'empty targets', yaml: taskBook('  targets: {}\n  steps: [{barrier: b}]\n'), path: 'spec.targets', reason: 'must have exactly one of: nodeGroup, selector, nodes' },
  { name: 'a selector string that does not parse', yaml: taskBook('  targets: {selector: "env in (prod"}\n  steps: [{barrier: b}]\n'), path: 'spec.targets.selector', reason: "invalid label selector 'env in (prod'" },
  { name: 'an In expression without values', yaml: `${HEAD}kind: NodeGroup\nmetadata: {name: g}\nspec:\n  selector:\n    matchExpressions: [{key: env, operator: In}]\n`, path: 'spec.selector.matchExpressions[0].values', reason: 'must not be empty for operator In' },
  { name: 'a bad selector operator', yaml: `${HEAD}kind: NodeGroup\nmetadata: {name: g}\nspec:\n  selector:\n    matchExpressions: [{key: env, operator: Is, values: [a]}]\n`, path: 'spec.selector.matchExpressions[0].operator', reason: 'must be one of: In, NotIn, Exists, DoesNotExist' },
  { name: 'a NodeGroup with neither selector nor nodes', yaml: `${HEAD}kind: NodeGroup\nmetadata: {name: g}\nspec: {}\n`, path: 'spec', reason: 'must have at least one of: selector, nodes' },
  { name: 'a duplicate node name', yaml: `${HEAD}kind: NodeGroup\nmetadata: {name: g}\nspec: {nodes: [a, b, a]}\n`, path: 'spec.nodes[2]', reason: 'duplicates an earlier item' },

  // CronJob
  { name: 'a cron minute out of range', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec: {schedule: "61 * * * *", taskBook: web}\n`, path: 'spec.schedule', reason: 'minute field: 61 is out of range 0-59' },
  { name: 'a cron expression with three fields', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec: {schedule: "* * *", taskBook: web}\n`, path: 'spec.schedule', reason: 'must have 5 fields' },
  { name: 'a cron step of 0', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec: {schedule: "*/0 * * * *", taskBook: web}\n`, path: 'spec.schedule', reason: "step '0'" },
  { name: 'a backwards cron range', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec: {schedule: "0 5-1 * * *", taskBook: web}\n`, path: 'spec.schedule', reason: "hour field: range '5-1' runs backwards" },
  { name: 'a cron month name that does not exist', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec: {schedule: "0 0 1 foo *", taskBook: web}\n`, path: 'spec.schedule', reason: "month field: 'foo' is not a number or a name" },
  { name: 'an unknown cron macro', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec: {schedule: "@reboot", taskBook: web}\n`, path: 'spec.schedule', reason: "unknown macro '@reboot'" },
  { name: 'an unknown time zone', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec: {schedule: "@daily", timezone: Mars/Olympus, taskBook: web}\n`, path: 'spec.timezone', reason: "'Mars/Olympus' is not a known IANA time zone" },
  { name: 'a CronJob with taskBook and steps', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  taskBook: web\n  targets: {nodeGroup: web}\n  steps: [{command: {cmd: x}}]\n`, path: 'spec', reason: 'must have exactly one of: taskBook, steps (found taskBook and steps)' },
  { name: 'a CronJob with inline steps and no targets', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  steps: [{command: {cmd: x}}]\n`, path: 'spec.targets', reason: 'is required with inline steps' },
  { name: 'a bad concurrency policy', yaml: `${HEAD}kind: CronJob\nmetadata: {name: c}\nspec: {schedule: "@daily", taskBook: web, concurrencyPolicy: Queue}\n`, path: 'spec.concurrencyPolicy', reason: 'must be one of: Allow, Forbid, Replace' },

  // other kinds
  { name: 'a Variable with value and valueFrom', yaml: `${HEAD}kind: Variable\nmetadata: {name: v}\nspec: {value: 1, valueFrom: {template: "{{x}}"}}\n`, path: 'spec', reason: 'must have exactly one of: value, valueFrom (found value and valueFrom)' },
  { name: 'a Variable scoped to a NodeGroup and a node', yaml: `${HEAD}kind: Variable\nmetadata: {name: v}\nspec: {value: 1, scope: {nodeGroup: web, node: a}}\n`, path: 'spec.scope', reason: 'must have at most one of: nodeGroup, node' },
  { name: 'a ClusterVariableBinding with no namespaces', yaml: `${HEAD}kind: ClusterVariableBinding\nmetadata: {name: b}\nspec: {clusterVariables: [a], namespaces: []}\n`, path: 'spec.namespaces', reason: 'must not be empty' },
  { name: 'a Secret with data and a provider', yaml: `${HEAD}kind: Secret\nmetadata: {name: s}\nspec: {data: {a: b}, provider: {env: {name: X}}}\n`, path: 'spec', reason: 'must have exactly one of: data, provider' },
  { name: 'a Secret provider with two sources', yaml: `${HEAD}kind: Secret\nmetadata: {name: s}\nspec: {provider: {env: {name: X}, file: {path: /x}}}\n`, path: 'spec.provider', reason: 'must have exactly one of: file, command, env, vault (found file and env)' },
  { name: 'a Vault URL over plain http', yaml: `${HEAD}kind: Secret\nmetadata: {name: s}\nspec: {provider: {vault: {url: "http://vault.example.com", path: a, field: b}}}\n`, path: 'spec.provider.vault.url', reason: 'http:// only to a loopback address' },
  { name: 'a Beacon with two checks', yaml: `${HEAD}kind: Beacon\nmetadata: {name: b}\nspec: {targets: {nodeGroup: web}, check: {process: {name: a}, disk: {maxUsedPercent: 90}}}\n`, path: 'spec.check', reason: 'must have exactly one of: command, file, service, disk, http, process' },
  { name: 'a Beacon timeout longer than its interval', yaml: `${HEAD}kind: Beacon\nmetadata: {name: b}\nspec: {targets: {nodeGroup: web}, interval: 5s, timeout: 10s, check: {process: {name: a}}}\n`, path: 'spec.timeout', reason: 'must not exceed interval (5s)' },
  { name: 'a lower-case Event reason', yaml: `${HEAD}kind: Event\nmetadata: {name: e}\nspec: {type: Warning, reason: disk full, message: m, source: {node: a}}\n`, path: 'spec.reason', reason: 'must be UpperCamelCase' },
  { name: 'a Trigger that matches everything', yaml: `${HEAD}kind: Trigger\nmetadata: {name: t}\nspec: {match: {}, taskBook: x}\n`, path: 'spec.match', reason: 'must have at least one of: reason, type, source, labels' },
  { name: 'a Trigger window at 25:00', yaml: `${HEAD}kind: Trigger\nmetadata: {name: t}\nspec: {match: {reason: A}, taskBook: x, timeWindows: [{start: "25:00", end: "26:00"}]}\n`, path: 'spec.timeWindows[0].start', reason: "must be a time 'HH:MM'" },
  { name: 'a Trigger count of 0', yaml: `${HEAD}kind: Trigger\nmetadata: {name: t}\nspec: {match: {reason: A}, taskBook: x, condition: {count: 0}}\n`, path: 'spec.condition.count', reason: 'must be a positive integer' },
  { name: 'a Repository over plain http', yaml: `${HEAD}kind: Repository\nmetadata: {name: r}\nspec: {url: "http://git.example.com/x.git"}\n`, path: 'spec.url', reason: 'must use https, not http' },
  { name: 'a Repository URL with a password', yaml: `${HEAD}kind: Repository\nmetadata: {name: r}\nspec: {url: "https://me:pw@git.example.com/x.git"}\n`, path: 'spec.url', reason: 'must not embed credentials' },
  { name: "a Repository ref with '..'", yaml: `${HEAD}kind: Repository\nmetadata: {name: r}\nspec: {url: "https://git.example.com/x.git", ref: "main..dev"}\n`, path: 'spec.ref', reason: "must not contain '..'" },
  { name: 'a Repository ref starting with a dash', yaml: `${HEAD}kind: Repository\nmetadata: {name: r}\nspec: {url: "https://git.example.com/x.git", ref: "--upload-pack=x"}\n`, path: 'spec.ref', reason: "must not start with '-'" },
  { name: 'a Repository path outside the tree', yaml: `${HEAD}kind: Repository\nmetadata: {name: r}\nspec: {url: "file:///srv/x.git", path: /etc}\n`, path: 'spec.path', reason: 'must be relative to the repository root' },
  { name: 'a Run with a check that is a string', yaml: `${HEAD}kind: Run\nmetadata: {name: r}\nspec: {taskBook: web, check: "yes"}\n`, path: 'spec.check', reason: 'must be true or false (got a string)' },
  { name: 'a Run with neither taskBook nor inline', yaml: `${HEAD}kind: Run\nmetadata: {name: r}\nspec: {check: true}\n`, path: 'spec', reason: 'must have exactly one of: taskBook, inline' },
  { name: 'a Config probe timeout above its interval', yaml: `${HEAD}kind: Config\nmetadata: {name: cluster}\nspec: {gossip: {probeInterval: 200ms, probeTimeout: 1s}}\n`, path: 'spec.gossip.probeTimeout', reason: 'must be shorter than probeInterval' },
  { name: 'a Namespace with an unknown spec field', yaml: `${HEAD}kind: Namespace\nmetadata: {name: n}\nspec: {descripton: x}\n`, path: 'spec.descripton', reason: "unknown field 'descripton' (did you mean 'description'?)" },
];

function issuesOf(yaml: string, file = 'bad.yaml'): InvalidArgumentError {
  try {
    parseDocuments(yaml, file);
  } catch (err) {
    assert.ok(err instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${String(err)}`);
    return err;
  }
  assert.fail('the document was accepted');
}

function matches(issue: FieldIssue, c: Case): boolean {
  const pathOk = (c.path as unknown) instanceof RegExp ? (c.path as unknown as RegExp).test(issue.path) : issue.path === c.path;
  const reasonOk = typeof c.reason === 'string' ? issue.message.includes(c.reason) : c.reason.test(issue.message);
  return pathOk && reasonOk;
}

void describe('bad input', () => {
  for (const c of CASES) {
    void it(`refuses ${c.name}`, () => {
      const err = issuesOf(c.yaml);
      const issue = err.issues.find((i) => matches(i, c));
      assert.ok(issue, `no issue at '${String(c.path)}' matching ${String(c.reason)}; got:\n  ${err.issues.map(formatIssue).join('\n  ')}`);
      assert.equal(issue.source?.file, 'bad.yaml', 'the issue names the file');
      assert.ok(issue.source?.document !== undefined || issue.source?.line !== undefined, 'the issue names the document or line');
      if (c.line !== undefined) assert.equal(issue.source?.line, c.line, `line of ${formatIssue(issue)}`);
      const text = formatIssue(issue);
      assert.ok(text.startsWith('bad.yaml'), text);
      if (issue.path !== '') assert.ok(text.includes(`${issue.path}: `), text);
      assert.ok(err.message.includes(text), 'the error message lists the issue');
      assert.ok(!/\.$/.test(issue.message), `no trailing period: ${issue.message}`);
      assert.equal(issue.message[0], issue.message[0].toLowerCase(), `lower-case message: ${issue.message}`);
    });
  }
});

void describe('error format', () => {
  void it('reports a serial error in document 2 as file:line:col path: reason', () => {
    const yaml = [
      'apiVersion: flotilla/v1alpha1',
      'kind: Namespace',
      'metadata: {name: prod}',
      '---',
      'apiVersion: flotilla/v1alpha1',
      'kind: TaskBook',
      'metadata: {name: web, namespace: prod}',
      'spec:',
      '  targets: {nodeGroup: web}',
      '  strategy: {serial: many}',
      '  steps:',
      '    - command: {cmd: "true"}',
      '',
    ].join('\n');
    const err = issuesOf(yaml, 'web.yaml');
    assert.equal(err.message, 'web.yaml:10:22 spec.strategy.serial: must be a positive integer or a percentage');
    assert.equal(err.issues.length, 1);
    assert.deepEqual(err.issues[0], {
      path: 'spec.strategy.serial',
      message: 'must be a positive integer or a percentage',
      source: { file: 'web.yaml', document: 2, line: 10, column: 22 },
    });
    assert.equal(err.code, 'INVALID_ARGUMENT');
  });

  void it('collects every issue of every document, in document order', () => {
    const yaml = [
      `${HEAD}kind: Node\nmetadata: {name: Bad, labels: {a: "x y"}}\nspec: {unschedulable: maybe}`,
      `${HEAD}kind: Node\nmetadata: {name: good}`,
      `${HEAD}kind: Gadget\nmetadata: {name: x}`,
    ].join('\n---\n');
    const err = issuesOf(yaml);
    assert.deepEqual(
      err.issues.map((i) => [i.source?.document, i.path]),
      [
        [1, 'metadata.name'],
        [1, 'metadata.labels.a'],
        [1, 'spec.unschedulable'],
        [3, 'kind'],
      ],
    );
  });

  void it('points a missing field at its parent and an unknown field at its key', () => {
    const yaml = `${HEAD}kind: TaskBook\nmetadata: {name: web}\nspec:\n  targets:\n    nodeGroup: web\n  steps:\n    - file:\n        content: x\n        colour: red\n`;
    const err = issuesOf(yaml);
    const missing = err.issues.find((i) => i.path === 'spec.steps[0].file.path');
    const unknown = err.issues.find((i) => i.path === 'spec.steps[0].file.colour');
    assert.deepEqual([missing?.message, missing?.source?.line, missing?.source?.column], ['is required', 9, 9]);
    assert.deepEqual([unknown?.message, unknown?.source?.line, unknown?.source?.column], ["unknown field 'colour'", 10, 9]);
  });

  void it('names the document of a YAML error', () => {
    const err = issuesOf(`${HEAD}kind: Node\nmetadata: {name: a}\n---\nkind: [\n`);
    assert.equal(err.issues[0].source?.document, 2);
    assert.match(err.message, /^bad\.yaml:\d+:\d+ invalid YAML/);
  });
});
