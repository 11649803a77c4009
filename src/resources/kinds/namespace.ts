// Namespace: a cluster-scoped container for namespaced objects (TaskBooks,
// Runs, Events, ...). `default` and `system` always exist; cluster-wide Events
// live in `system`. Deleting a namespace that still holds objects is refused
// by server/, which also moves it through the Terminating phase.

import { enumOf, object, optional, string } from '../schema.js';
import type { ClusterConfig } from './config.js';

export interface NamespaceSpec {
  /** what the namespace is for, shown by `flotctl describe`; at most 1024 characters */
  description?: string;
}

export type NamespacePhase = 'Active' | 'Terminating';

export interface NamespaceStatus {
  /** Active, or Terminating while it is being deleted */
  phase?: NamespacePhase;
}

export const namespaceSpecSchema = object<NamespaceSpec>({
  description: optional(string({ minLength: 0, maxLength: 1024 })),
});

export const namespaceStatusSchema = object<NamespaceStatus>({
  phase: optional(enumOf(['Active', 'Terminating'] as const)),
});

export interface DefaultedNamespaceSpec {
  description: string;
}

export function withDefaults(spec: NamespaceSpec, _cluster?: ClusterConfig): DefaultedNamespaceSpec {
  return { description: spec.description ?? '' };
}
