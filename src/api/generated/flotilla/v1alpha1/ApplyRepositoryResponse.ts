// Original file: proto/flotilla/v1alpha1/repository.proto

import type { Repository as _flotilla_v1alpha1_Repository, Repository__Output as _flotilla_v1alpha1_Repository__Output } from '../../flotilla/v1alpha1/Repository.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyRepositoryResponse {
  'object'?: (_flotilla_v1alpha1_Repository | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyRepositoryResponse__Output {
  'object': (_flotilla_v1alpha1_Repository__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
