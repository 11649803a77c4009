// Original file: proto/flotilla/v1alpha1/namespace.proto

import type { Namespace as _flotilla_v1alpha1_Namespace, Namespace__Output as _flotilla_v1alpha1_Namespace__Output } from '../../flotilla/v1alpha1/Namespace.js';

export interface ApplyNamespaceRequest {
  'object'?: (_flotilla_v1alpha1_Namespace | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyNamespaceRequest__Output {
  'object': (_flotilla_v1alpha1_Namespace__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
