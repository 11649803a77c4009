// The resource model's public surface: the envelope, the kinds (registry,
// per-kind spec/status types and schemas, withDefaults), parsing YAML
// documents, validating objects and statuses, label selectors, and semantic
// equality for apply. Other folders import only from here.

export {
  API_VERSION,
  BUILTIN_NAMESPACES,
  DEFAULT_NAMESPACE,
  MAX_OBJECT_BYTES,
  MAX_OBJECT_DEPTH,
  SYSTEM_NAMESPACE,
  isKind,
  type ApiVersion,
  type DefaultedObject,
  type InputObjectMeta,
  type ObjectMeta,
  type ResourceObject,
  type TypedObject,
} from './envelope.js';
export {
  defaultedObject,
  objectBytes,
  toFieldIssues,
  validateObject,
  validateObjectOf,
  validateStatus,
  type Locate,
  type SourcePosition,
  type ValidateOptions,
} from './validate.js';
export {
  MAX_ALIAS_COUNT,
  MAX_DOCUMENT_BYTES,
  MAX_FILE_BYTES,
  parseDocuments,
  validateDocument,
  type ParseOptions,
  type ParsedDocument,
} from './parse.js';
export {
  formatLabelSelector,
  labelKeyProblem,
  labelValueProblem,
  matchLabels,
  matchNodeSelector,
  matchesRequirement,
  matchesSelector,
  nodeSelectorRequirements,
  parseLabelSelector,
  type LabelSelector,
  type NodeSelector,
  type NodeSelectorRequirement,
  type SelectorOperator,
  type SelectorRequirement,
} from './labels.js';
export { specEqual } from './spec-equal.js';
export {
  DNS_LABEL_MAX,
  dnsLabelProblem,
  durationMs,
  formatPath,
  isTemplate,
  resolvePercentOrInt,
  type JsonObject,
  type JsonValue,
  type Path,
  type PathSegment,
  type PercentOrInt,
} from './schema.js';
export { CRON_MACROS, cronProblem, parseCronExpression, type CronExpression } from './cron-expression.js';
export { gitRefProblem, gitUrlProblem, treePathProblem } from './git-source.js';
export {
  KINDS,
  clusterConfigFrom,
  isKindName,
  kindInfo,
  lookupKind,
  type DefaultedSpecOf,
  type KindInfo,
  type KindName,
  type KindTypes,
  type SpecOf,
  type StatusOf,
} from './kinds/index.js';
export * from './kinds/types.js';
