// Per-kind exports for other folders: the spec, status and defaulted types of
// every kind and the few per-kind helpers generic code needs. Each kind's
// withDefaults is reached through the registry (KINDS / kindInfo) or
// defaultedObject, so the names never clash.

export type { BeaconCheck, BeaconNodeResult, BeaconSpec, BeaconStatus, DefaultedBeaconSpec, EmitMode } from './beacon.js';
export type { ClusterVariableSpec, ClusterVariableStatus, DefaultedClusterVariableSpec } from './clustervariable.js';
export {
  bindsNamespace,
  type ClusterVariableBindingSpec,
  type ClusterVariableBindingStatus,
  type DefaultedClusterVariableBindingSpec,
} from './clustervariablebinding.js';
export {
  DEFAULT_GIT_REF,
  RUN_PHASES,
  timeZoneProblem,
  varNameProblem,
  type GitSource,
  type ObjectRef,
  type RunPhase,
  type Strategy,
  type Targets,
} from './common.js';
export {
  CLUSTER_CONFIG_NAME,
  defaultClusterConfig,
  type ClusterConfig,
  type ConfigSpec,
  type ConfigStatus,
  type GossipSettings,
} from './config.js';
export { CONCURRENCY_POLICIES, type ConcurrencyPolicy, type CronJobSpec, type CronJobStatus, type DefaultedCronJobSpec } from './cronjob.js';
export { EVENT_TYPES, newEvent, type DefaultedEventSpec, type EventSource, type EventSpec, type EventStatus, type EventType } from './event.js';
export type { DefaultedNamespaceSpec, NamespacePhase, NamespaceSpec, NamespaceStatus } from './namespace.js';
export type { DefaultedNodeSpec, Facts, GossipState, NodeAddress, NodeFacts, NodeGossip, NodeSpec, NodeStatus } from './node.js';
export type { DefaultedNodeGroupSpec, NodeGroupSpec, NodeGroupStatus } from './nodegroup.js';
export type { DefaultedRepositorySpec, RepositorySpec, RepositoryStatus } from './repository.js';
export {
  NODE_RUN_STATES,
  isFinishedPhase,
  type DefaultedRunSpec,
  type NodeRunState,
  type PinnedInclude,
  type RunCounts,
  type RunNodeStatus,
  type RunSpec,
  type RunStatus,
} from './run.js';
export type { DefaultedSecretSpec, SecretProvider, SecretSpec, SecretStatus, VaultProvider } from './secret.js';
export {
  RESERVED_TEMPLATE_NAMES,
  defaultStepName,
  type CommandArgs,
  type DefaultedCommandArgs,
  type DefaultedFileArgs,
  type DefaultedHandler,
  type DefaultedPackageArgs,
  type DefaultedStep,
  type DefaultedTaskBookSpec,
  type ExportSource,
  type FileArgs,
  type FileState,
  type Handler,
  type Include,
  type PackageArgs,
  type PackageManager,
  type PackageState,
  type Step,
  type StepControls,
  type StepExport,
  type TaskBookSpec,
  type TaskBookStatus,
  type Templatable,
} from './taskbook.js';
export {
  WEEKDAYS,
  type DefaultedTriggerSpec,
  type EventMatch,
  type RunOn,
  type TimeWindow,
  type TriggerCondition,
  type TriggerSpec,
  type TriggerStatus,
  type Weekday,
} from './trigger.js';
export type { DefaultedVariableSpec, DefaultsMeta, ValueFrom, VariableScope, VariableSpec, VariableStatus } from './variable.js';
export { MAX_VARIABLE_BYTES } from './variable.js';
