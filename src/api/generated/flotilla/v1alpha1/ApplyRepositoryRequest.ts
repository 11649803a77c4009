// Original file: proto/flotilla/v1alpha1/repository.proto

import type { Repository as _flotilla_v1alpha1_Repository, Repository__Output as _flotilla_v1alpha1_Repository__Output } from '../../flotilla/v1alpha1/Repository.js';

export interface ApplyRepositoryRequest {
  'object'?: (_flotilla_v1alpha1_Repository | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyRepositoryRequest__Output {
  'object': (_flotilla_v1alpha1_Repository__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
