// ClusterVariable: a Variable that lives outside namespaces and reaches the
// namespaces named by ClusterVariableBindings. It has exactly the Variable
// spec and status (see variable.ts); it ranks lowest in variable precedence.

import {
  variableSpecSchema,
  variableStatusSchema,
  withDefaults as variableDefaults,
  type DefaultedVariableSpec,
  type DefaultsMeta,
  type VariableSpec,
  type VariableStatus,
} from './variable.js';
import type { ClusterConfig } from './config.js';

export type ClusterVariableSpec = VariableSpec;
export type ClusterVariableStatus = VariableStatus;
export type DefaultedClusterVariableSpec = DefaultedVariableSpec;

export const clusterVariableSpecSchema = variableSpecSchema;
export const clusterVariableStatusSchema = variableStatusSchema;

/** As for Variable: key defaults to metadata.name. */
export function withDefaults(spec: ClusterVariableSpec, cluster: ClusterConfig | undefined, meta: DefaultsMeta): DefaultedClusterVariableSpec {
  return variableDefaults(spec, cluster, meta);
}
