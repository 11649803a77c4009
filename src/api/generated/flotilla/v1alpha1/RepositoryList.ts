// Original file: proto/flotilla/v1alpha1/repository.proto

import type { Repository as _flotilla_v1alpha1_Repository, Repository__Output as _flotilla_v1alpha1_Repository__Output } from '../../flotilla/v1alpha1/Repository.js';

export interface RepositoryList {
  'items'?: (_flotilla_v1alpha1_Repository)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version'?: (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue'?: (string);
}

export interface RepositoryList__Output {
  'items': (_flotilla_v1alpha1_Repository__Output)[];
  /**
   * Store revision the list was read at: watch from here to follow changes.
   */
  'resource_version': (string);
  /**
   * Cursor for the next page; empty on the last page.
   */
  'continue': (string);
}
