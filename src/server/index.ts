export { ObjectServer, BUILTIN_NAMESPACES, type ApplyResult, type ListQuery, type ObjectList, type ObjectWatchEvent, type WatchQuery } from './object-server.js';
export { REDACTED } from './secrets.js';
export { ObjectCache, type CachedObject } from './object-cache.js';
