// Original file: proto/flotilla/v1alpha1/config.proto

import type { Config as _flotilla_v1alpha1_Config, Config__Output as _flotilla_v1alpha1_Config__Output } from '../../flotilla/v1alpha1/Config.js';

export interface ConfigList {
  'items'?: (_flotilla_v1alpha1_Config)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface ConfigList__Output {
  'items': (_flotilla_v1alpha1_Config__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
