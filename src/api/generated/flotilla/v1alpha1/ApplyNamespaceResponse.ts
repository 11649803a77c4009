// Original file: proto/flotilla/v1alpha1/namespace.proto

import type { Namespace as _flotilla_v1alpha1_Namespace, Namespace__Output as _flotilla_v1alpha1_Namespace__Output } from '../../flotilla/v1alpha1/Namespace.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyNamespaceResponse {
  'object'?: (_flotilla_v1alpha1_Namespace | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyNamespaceResponse__Output {
  'object': (_flotilla_v1alpha1_Namespace__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
