// Original file: proto/flotilla/v1alpha1/secret.proto

import type { Secret as _flotilla_v1alpha1_Secret, Secret__Output as _flotilla_v1alpha1_Secret__Output } from '../../flotilla/v1alpha1/Secret.js';

export interface SecretList {
  'items'?: (_flotilla_v1alpha1_Secret)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface SecretList__Output {
  'items': (_flotilla_v1alpha1_Secret__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
