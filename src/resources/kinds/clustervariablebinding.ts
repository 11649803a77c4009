// ClusterVariableBinding: makes ClusterVariables visible in namespaces. A
// namespace sees a ClusterVariable when some binding names both. Resolving
// the bindings at run time is templates/' job.

import { array, dnsLabelProblem, object, required, string, type Schema } from '../schema.js';
import { nameList } from './common.js';
import type { ClusterConfig } from './config.js';

export interface ClusterVariableBindingSpec {
  /** names of the ClusterVariables bound */
  clusterVariables: string[];
  /** namespaces that see them; `['*']` means every namespace */
  namespaces: string[];
}

/** A binding has no status. */
export type ClusterVariableBindingStatus = Record<string, never>;

const namespaces = (): Schema<string[]> => {
  const list = array(string({ check: (s) => (s === '*' ? undefined : dnsLabelProblem(s, 'namespace')) }), { minItems: 1, maxItems: 10_000, unique: true });
  return {
    expected: 'a list of namespaces',
    parse(v, path, issues) {
      const before = issues.size;
      const out = list.parse(v, path, issues);
      if (issues.size === before && out.includes('*') && out.length > 1) issues.add(path, "'*' must be the only item when given");
      return out;
    },
  };
};

export const clusterVariableBindingSpecSchema = object<ClusterVariableBindingSpec>({
  clusterVariables: required(nameList('ClusterVariable name')),
  namespaces: required(namespaces()),
});

export const clusterVariableBindingStatusSchema = object<ClusterVariableBindingStatus>({});

export type DefaultedClusterVariableBindingSpec = ClusterVariableBindingSpec;

/** Nothing to default; returns a copy. */
export function withDefaults(spec: ClusterVariableBindingSpec, _cluster?: ClusterConfig): DefaultedClusterVariableBindingSpec {
  return { clusterVariables: [...spec.clusterVariables], namespaces: [...spec.namespaces] };
}

/** Whether the binding reaches `namespace`. */
export function bindsNamespace(spec: ClusterVariableBindingSpec, namespace: string): boolean {
  return spec.namespaces.includes('*') || spec.namespaces.includes(namespace);
}
