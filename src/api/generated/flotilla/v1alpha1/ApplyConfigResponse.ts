// Original file: proto/flotilla/v1alpha1/config.proto

import type { Config as _flotilla_v1alpha1_Config, Config__Output as _flotilla_v1alpha1_Config__Output } from '../../flotilla/v1alpha1/Config.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyConfigResponse {
  'object'?: (_flotilla_v1alpha1_Config | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyConfigResponse__Output {
  'object': (_flotilla_v1alpha1_Config__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
