// Original file: proto/flotilla/v1alpha1/beacon.proto

import type { Beacon as _flotilla_v1alpha1_Beacon, Beacon__Output as _flotilla_v1alpha1_Beacon__Output } from '../../flotilla/v1alpha1/Beacon.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyBeaconResponse {
  'object'?: (_flotilla_v1alpha1_Beacon | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyBeaconResponse__Output {
  'object': (_flotilla_v1alpha1_Beacon__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
