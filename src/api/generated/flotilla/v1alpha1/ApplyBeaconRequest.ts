// Original file: proto/flotilla/v1alpha1/beacon.proto

import type { Beacon as _flotilla_v1alpha1_Beacon, Beacon__Output as _flotilla_v1alpha1_Beacon__Output } from '../../flotilla/v1alpha1/Beacon.js';

export interface ApplyBeaconRequest {
  'object'?: (_flotilla_v1alpha1_Beacon | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run'?: (boolean);
}

export interface ApplyBeaconRequest__Output {
  'object': (_flotilla_v1alpha1_Beacon__Output | null);
  /**
   * Validate and compute the result without storing anything.
   */
  'dry_run': (boolean);
}
