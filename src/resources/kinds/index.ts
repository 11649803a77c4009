// The kind registry: every kind Flotilla knows, its names (kind, singular,
// plural, short names), its scope, its spec and status schemas and its
// withDefaults. Generic code (server/, api/, cli/, scripts/gen-proto.ts)
// iterates KINDS or looks a kind up by any of its names; per-kind code
// imports the kind's own file for the typed spec.

import type { Schema } from '../schema.js';
import * as beacon from './beacon.js';
import * as clusterVariable from './clustervariable.js';
import * as clusterVariableBinding from './clustervariablebinding.js';
import * as config from './config.js';
import * as cronJob from './cronjob.js';
import * as event from './event.js';
import * as namespace from './namespace.js';
import * as node from './node.js';
import * as nodeGroup from './nodegroup.js';
import * as repository from './repository.js';
import * as run from './run.js';
import * as secret from './secret.js';
import * as taskBook from './taskbook.js';
import * as trigger from './trigger.js';
import * as variable from './variable.js';
import type { ClusterConfig } from './config.js';
import type { DefaultsMeta } from './variable.js';

/** Spec, status and defaulted spec type of every kind. */
export interface KindTypes {
  Namespace: { spec: namespace.NamespaceSpec; status: namespace.NamespaceStatus; defaulted: namespace.DefaultedNamespaceSpec };
  Node: { spec: node.NodeSpec; status: node.NodeStatus; defaulted: node.DefaultedNodeSpec };
  NodeGroup: { spec: nodeGroup.NodeGroupSpec; status: nodeGroup.NodeGroupStatus; defaulted: nodeGroup.DefaultedNodeGroupSpec };
  Config: { spec: config.ConfigSpec; status: config.ConfigStatus; defaulted: config.ClusterConfig };
  ClusterVariable: {
    spec: clusterVariable.ClusterVariableSpec;
    status: clusterVariable.ClusterVariableStatus;
    defaulted: clusterVariable.DefaultedClusterVariableSpec;
  };
  ClusterVariableBinding: {
    spec: clusterVariableBinding.ClusterVariableBindingSpec;
    status: clusterVariableBinding.ClusterVariableBindingStatus;
    defaulted: clusterVariableBinding.DefaultedClusterVariableBindingSpec;
  };
  TaskBook: { spec: taskBook.TaskBookSpec; status: taskBook.TaskBookStatus; defaulted: taskBook.DefaultedTaskBookSpec };
  Variable: { spec: variable.VariableSpec; status: variable.VariableStatus; defaulted: variable.DefaultedVariableSpec };
  CronJob: { spec: cronJob.CronJobSpec; status: cronJob.CronJobStatus; defaulted: cronJob.DefaultedCronJobSpec };
  Beacon: { spec: beacon.BeaconSpec; status: beacon.BeaconStatus; defaulted: beacon.DefaultedBeaconSpec };
  Trigger: { spec: trigger.TriggerSpec; status: trigger.TriggerStatus; defaulted: trigger.DefaultedTriggerSpec };
  Event: { spec: event.EventSpec; status: event.EventStatus; defaulted: event.DefaultedEventSpec };
  Secret: { spec: secret.SecretSpec; status: secret.SecretStatus; defaulted: secret.DefaultedSecretSpec };
  Repository: { spec: repository.RepositorySpec; status: repository.RepositoryStatus; defaulted: repository.DefaultedRepositorySpec };
  Run: { spec: run.RunSpec; status: run.RunStatus; defaulted: run.DefaultedRunSpec };
}

export type KindName = keyof KindTypes;
export type SpecOf<K extends KindName> = KindTypes[K]['spec'];
export type StatusOf<K extends KindName> = KindTypes[K]['status'];
export type DefaultedSpecOf<K extends KindName> = KindTypes[K]['defaulted'];


/** What generic code knows about a kind. */
export interface KindInfo<K extends KindName = KindName> {
  /** the `kind:` value, PascalCase: TaskBook */
  readonly kind: K;
  /** lower case, as in store keys and `flotctl get taskbook`: taskbook */
  readonly singular: string;
  /** lower case plural: taskbooks */
  readonly plural: string;
  /** abbreviations flotctl accepts: tb */
  readonly shortNames: readonly string[];
  /** namespaced kinds live in a namespace ('default' when none is given); cluster-scoped ones must not name one */
  readonly namespaced: boolean;
  /** the only name an object of this kind may have (Config: 'cluster') */
  readonly fixedName?: string;
  /** one line for help output */
  readonly description: string;
  readonly specSchema: Schema<SpecOf<K>>;
  /** status is written by the system only and validated when it writes it */
  readonly statusSchema: Schema<StatusOf<K>>;
  /**
   * The spec with every default filled in, from the kind's constants and the
   * cluster Config (defaulted). `meta` gives the object's name and namespace
   * for the defaults that derive from them. Pure; does not modify `spec`.
   */
  withDefaults(spec: SpecOf<K>, cluster: ClusterConfig, meta: DefaultsMeta): DefaultedSpecOf<K>;
}

function kind<K extends KindName>(info: KindInfo<K>): KindInfo<K> {
  return Object.freeze(info);
}

/** Every kind, cluster-scoped ones first, in the order objects are best applied. */
export const KINDS: readonly KindInfo[] = Object.freeze([
  kind({
    kind: 'Namespace',
    singular: 'namespace',
    plural: 'namespaces',
    shortNames: ['ns'],
    namespaced: false,
    description: 'a container for namespaced objects',
    specSchema: namespace.namespaceSpecSchema,
    statusSchema: namespace.namespaceStatusSchema,
    withDefaults: namespace.withDefaults,
  }),
  kind({
    kind: 'Config',
    singular: 'config',
    plural: 'configs',
    shortNames: ['cfg'],
    namespaced: false,
    fixedName: config.CLUSTER_CONFIG_NAME,
    description: "fleet-wide defaults and tuning (one object, named 'cluster')",
    specSchema: config.configSpecSchema,
    statusSchema: config.configStatusSchema,
    withDefaults: config.withDefaults,
  }),
  kind({
    kind: 'Node',
    singular: 'node',
    plural: 'nodes',
    shortNames: ['no'],
    namespaced: false,
    description: 'a server running flotillad',
    specSchema: node.nodeSpecSchema,
    statusSchema: node.nodeStatusSchema,
    withDefaults: node.withDefaults,
  }),
  kind({
    kind: 'NodeGroup',
    singular: 'nodegroup',
    plural: 'nodegroups',
    shortNames: ['ng'],
    namespaced: false,
    description: 'a named set of nodes, by labels or by name',
    specSchema: nodeGroup.nodeGroupSpecSchema,
    statusSchema: nodeGroup.nodeGroupStatusSchema,
    withDefaults: nodeGroup.withDefaults,
  }),
  kind({
    kind: 'ClusterVariable',
    singular: 'clustervariable',
    plural: 'clustervariables',
    shortNames: ['cv'],
    namespaced: false,
    description: 'a template variable shared with namespaces through bindings',
    specSchema: clusterVariable.clusterVariableSpecSchema,
    statusSchema: clusterVariable.clusterVariableStatusSchema,
    withDefaults: clusterVariable.withDefaults,
  }),
  kind({
    kind: 'ClusterVariableBinding',
    singular: 'clustervariablebinding',
    plural: 'clustervariablebindings',
    shortNames: ['cvb'],
    namespaced: false,
    description: 'makes ClusterVariables visible in namespaces',
    specSchema: clusterVariableBinding.clusterVariableBindingSpecSchema,
    statusSchema: clusterVariableBinding.clusterVariableBindingStatusSchema,
    withDefaults: clusterVariableBinding.withDefaults,
  }),
  kind({
    kind: 'Secret',
    singular: 'secret',
    plural: 'secrets',
    shortNames: ['sec'],
    namespaced: true,
    description: 'a value kept encrypted or read from a provider at run time',
    specSchema: secret.secretSpecSchema,
    statusSchema: secret.secretStatusSchema,
    withDefaults: secret.withDefaults,
  }),
  kind({
    kind: 'Variable',
    singular: 'variable',
    plural: 'variables',
    shortNames: ['var', 'vars'],
    namespaced: true,
    description: 'a template variable, static or computed',
    specSchema: variable.variableSpecSchema,
    statusSchema: variable.variableStatusSchema,
    withDefaults: variable.withDefaults,
  }),
  kind({
    kind: 'Repository',
    singular: 'repository',
    plural: 'repositories',
    shortNames: ['repo', 'repos'],
    namespaced: true,
    description: 'a git repository whose objects are applied (GitOps)',
    specSchema: repository.repositorySpecSchema,
    statusSchema: repository.repositoryStatusSchema,
    withDefaults: repository.withDefaults,
  }),
  kind({
    kind: 'TaskBook',
    singular: 'taskbook',
    plural: 'taskbooks',
    shortNames: ['tb'],
    namespaced: true,
    description: 'steps and handlers to run on target nodes',
    specSchema: taskBook.taskBookSpecSchema,
    statusSchema: taskBook.taskBookStatusSchema,
    withDefaults: taskBook.withDefaults,
  }),
  kind({
    kind: 'CronJob',
    singular: 'cronjob',
    plural: 'cronjobs',
    shortNames: ['cj'],
    namespaced: true,
    description: 'runs a TaskBook on a schedule',
    specSchema: cronJob.cronJobSpecSchema,
    statusSchema: cronJob.cronJobStatusSchema,
    withDefaults: cronJob.withDefaults,
  }),
  kind({
    kind: 'Beacon',
    singular: 'beacon',
    plural: 'beacons',
    shortNames: ['bc'],
    namespaced: true,
    description: 'a periodic check on nodes that emits Events',
    specSchema: beacon.beaconSpecSchema,
    statusSchema: beacon.beaconStatusSchema,
    withDefaults: beacon.withDefaults,
  }),
  kind({
    kind: 'Trigger',
    singular: 'trigger',
    plural: 'triggers',
    shortNames: ['tr'],
    namespaced: true,
    description: 'runs a TaskBook when matching Events pile up',
    specSchema: trigger.triggerSpecSchema,
    statusSchema: trigger.triggerStatusSchema,
    withDefaults: trigger.withDefaults,
  }),
  kind({
    kind: 'Run',
    singular: 'run',
    plural: 'runs',
    shortNames: [],
    namespaced: true,
    description: 'one execution of a TaskBook',
    specSchema: run.runSpecSchema,
    statusSchema: run.runStatusSchema,
    withDefaults: run.withDefaults,
  }),
  kind({
    kind: 'Event',
    singular: 'event',
    plural: 'events',
    shortNames: ['ev'],
    namespaced: true,
    description: 'something that happened, for people and Triggers',
    specSchema: event.eventSpecSchema,
    statusSchema: event.eventStatusSchema,
    withDefaults: event.withDefaults,
  }),
]);

const BY_NAME = new Map<string, KindInfo>();
for (const k of KINDS) {
  for (const n of [k.kind, k.singular, k.plural, ...k.shortNames]) {
    const key = n.toLowerCase();
    const other = BY_NAME.get(key);
    if (other && other !== k) throw new Error(`kind name '${n}' is used by both ${other.kind} and ${k.kind}`);
    BY_NAME.set(key, k);
  }
}

/**
 * The kind with this name, case-insensitive over kind, singular, plural and
 * short names (`TaskBook`, `taskbooks`, `tb`), or undefined.
 */
export function lookupKind(nameOrAlias: string): KindInfo | undefined {
  return BY_NAME.get(nameOrAlias.toLowerCase());
}

/** The registry entry of a kind, typed. */
export function kindInfo<K extends KindName>(kind: K): KindInfo<K> {
  return BY_NAME.get(kind.toLowerCase()) as unknown as KindInfo<K>;
}

/** Whether `name` is exactly a kind's `kind:` value. */
export function isKindName(name: string): name is KindName {
  return BY_NAME.get(name.toLowerCase())?.kind === name;
}

/** The Config spec, defaulted: what withDefaults of other kinds take as `cluster`. */
export function clusterConfigFrom(spec: config.ConfigSpec | undefined): ClusterConfig {
  return config.withDefaults(spec ?? {});
}
