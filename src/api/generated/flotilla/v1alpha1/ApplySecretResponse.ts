// Original file: proto/flotilla/v1alpha1/secret.proto

import type { Secret as _flotilla_v1alpha1_Secret, Secret__Output as _flotilla_v1alpha1_Secret__Output } from '../../flotilla/v1alpha1/Secret.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplySecretResponse {
  'object'?: (_flotilla_v1alpha1_Secret | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplySecretResponse__Output {
  'object': (_flotilla_v1alpha1_Secret__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
