// Original file: proto/flotilla/v1alpha1/secret.proto

import type { Secret as _flotilla_v1alpha1_Secret, Secret__Output as _flotilla_v1alpha1_Secret__Output } from '../../flotilla/v1alpha1/Secret.js';

export interface ApplySecretRequest {
  'object'?: (_flotilla_v1alpha1_Secret | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplySecretRequest__Output {
  'object': (_flotilla_v1alpha1_Secret__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
