// Original file: proto/flotilla/v1alpha1/config.proto

import type { Config as _flotilla_v1alpha1_Config, Config__Output as _flotilla_v1alpha1_Config__Output } from '../../flotilla/v1alpha1/Config.js';

export interface ApplyConfigRequest {
  'object'?: (_flotilla_v1alpha1_Config | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyConfigRequest__Output {
  'object': (_flotilla_v1alpha1_Config__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
