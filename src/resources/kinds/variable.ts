// Variable: a template variable in one namespace, static (`value`) or
// dynamic (`valueFrom`: a command's output on a node, or a template over
// other variables), scoped to all nodes, a NodeGroup or one node. Runs merge
// variables by precedence (templates/ owns that order); runOnce steps with
// `export` write Variables. ClusterVariable shares this spec.

import {
  anyJson,
  duration,
  int,
  isTemplate,
  object,
  optional,
  quote,
  required,
  string,
  timestamp,
  type JsonValue,
} from '../schema.js';
import { objectName, varNameProblem } from './common.js';
import type { ClusterConfig } from './config.js';

/** Run a command on a node and use its trimmed stdout. */
export interface CommandSource {
  /** shell command line, run by /bin/sh -c */
  cmd: string;
  /** the node to run it on; default any live node in the variable's scope */
  node?: string;
  /** kill the command after this long; default '30s' */
  timeout?: string;
  /** run it again this often; absent: once per spec change (and after a failure, every 30 s) */
  refresh?: string;
}

/** How a dynamic value is computed: exactly one source. */
export interface ValueFrom {
  command?: CommandSource;
  /** a handlebars template over other variables and facts, e.g. '{{vars.host}}:{{vars.port}}' */
  template?: string;
}

/** Which nodes see the variable; absent (or empty): every node. */
export interface VariableScope {
  /** only nodes of this NodeGroup */
  nodeGroup?: string;
  /** only this node */
  node?: string;
}

export interface VariableSpec {
  /** a static value: any JSON (exactly one of value / valueFrom) */
  value?: JsonValue;
  /** a computed value: a command's output (computed by one node's daemon, see agent/command-variables.ts) or a template over other variables (rendered when a run resolves its variables) */
  valueFrom?: ValueFrom;
  scope?: VariableScope;
  /** the name templates see (`vars.<key>`); default metadata.name */
  key?: string;
}

export interface VariableStatus {
  /** the command's trimmed stdout, as last computed */
  value?: JsonValue;
  /** when the command last ran (RFC 3339) */
  computedAt?: string;
  /** the node it ran on */
  node?: string;
  /** why the last run of the command failed (the value, if any, is kept) */
  error?: string;
  /** metadata.generation of the spec the command last ran for */
  observedGeneration?: number;
}

/** Largest static value, bytes of JSON. */
export const MAX_VARIABLE_BYTES = 256 * 1024;

export const variableSpecSchema = object<VariableSpec>(
  {
    value: optional(anyJson({ maxBytes: MAX_VARIABLE_BYTES })),
    valueFrom: optional(
      object<ValueFrom>(
        {
          command: optional(
            object<CommandSource>({
              cmd: required(string({ maxLength: 65_536 })),
              node: optional(objectName('node name')),
              timeout: optional(duration({ min: '1ms', max: '1h' })),
              refresh: optional(duration({ min: '10s', max: '8760h' })),
            }),
          ),
          template: optional(
            string({ maxLength: 65_536, check: (s) => (isTemplate(s) ? undefined : `must be a template (contain '{{'); use value for a literal (got ${quote(s)})`) }),
          ),
        },
        { exactlyOne: [['command', 'template']] },
      ),
    ),
    scope: optional(
      object<VariableScope>(
        { nodeGroup: optional(objectName('NodeGroup name')), node: optional(objectName('node name')) },
        { atMostOne: [['nodeGroup', 'node']] },
      ),
    ),
    key: optional(string({ check: varNameProblem })),
  },
  { exactlyOne: [['value', 'valueFrom']] },
);

export const variableStatusSchema = object<VariableStatus>({
  value: optional(anyJson({ maxBytes: MAX_VARIABLE_BYTES })),
  computedAt: optional(timestamp()),
  node: optional(objectName('node name')),
  error: optional(string({ maxLength: 4096 })),
  observedGeneration: optional(int({ min: 0 })),
});

/** What a withDefaults may need from the object's metadata. */
export interface DefaultsMeta {
  readonly name: string;
  readonly namespace?: string;
}

export interface DefaultedVariableSpec {
  value?: JsonValue;
  valueFrom?: { command?: Required<Omit<CommandSource, 'node' | 'refresh'>> & Pick<CommandSource, 'node' | 'refresh'>; template?: string };
  /** empty object: every node */
  scope: VariableScope;
  key: string;
}

/** Fills key (from metadata.name; `meta` is required for that) and the command timeout. */
export function withDefaults(spec: VariableSpec, _cluster: ClusterConfig | undefined, meta: DefaultsMeta): DefaultedVariableSpec {
  const out: DefaultedVariableSpec = { scope: spec.scope ?? {}, key: spec.key ?? meta.name };
  if (spec.value !== undefined) out.value = spec.value;
  if (spec.valueFrom?.command) out.valueFrom = { command: { ...spec.valueFrom.command, timeout: spec.valueFrom.command.timeout ?? '30s' } };
  else if (spec.valueFrom?.template !== undefined) out.valueFrom = { template: spec.valueFrom.template };
  return out;
}
