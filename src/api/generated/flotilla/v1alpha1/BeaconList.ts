// Original file: proto/flotilla/v1alpha1/beacon.proto

import type { Beacon as _flotilla_v1alpha1_Beacon, Beacon__Output as _flotilla_v1alpha1_Beacon__Output } from '../../flotilla/v1alpha1/Beacon.js';

export interface BeaconList {
  'items'?: (_flotilla_v1alpha1_Beacon)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface BeaconList__Output {
  'items': (_flotilla_v1alpha1_Beacon__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
