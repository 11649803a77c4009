import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, isKindName, kindInfo, lookupKind } from '../../src/resources/index.js';

void describe('kind registry', () => {
  void it('knows the fifteen kinds with their scope', () => {
    const cluster = KINDS.filter((k) => !k.namespaced).map((k) => k.kind).sort();
    const namespaced = KINDS.filter((k) => k.namespaced).map((k) => k.kind).sort();
    assert.deepEqual(cluster, ['ClusterVariable', 'ClusterVariableBinding', 'Config', 'Namespace', 'Node', 'NodeGroup']);
    assert.deepEqual(namespaced, ['Beacon', 'CronJob', 'Event', 'Repository', 'Run', 'Secret', 'TaskBook', 'Trigger', 'Variable']);
  });

  void it('names each kind in lower case for store keys', () => {
    for (const k of KINDS) {
      assert.equal(k.singular, k.kind.toLowerCase());
      assert.match(k.plural, /^[a-z]+$/);
    }
  });

  const aliases: [string, string][] = [
    ['TaskBook', 'TaskBook'],
    ['taskbook', 'TaskBook'],
    ['TASKBOOKS', 'TaskBook'],
    ['tb', 'TaskBook'],
    ['ns', 'Namespace'],
    ['namespaces', 'Namespace'],
    ['ng', 'NodeGroup'],
    ['nodes', 'Node'],
    ['cv', 'ClusterVariable'],
    ['cvb', 'ClusterVariableBinding'],
    ['clustervariablebindings', 'ClusterVariableBinding'],
    ['cj', 'CronJob'],
    ['cronjobs', 'CronJob'],
    ['var', 'Variable'],
    ['repo', 'Repository'],
    ['repositories', 'Repository'],
    ['ev', 'Event'],
    ['runs', 'Run'],
    ['cfg', 'Config'],
    ['bc', 'Beacon'],
    ['tr', 'Trigger'],
    ['sec', 'Secret'],
  ];
  for (const [alias, kind] of aliases) {
    void it(`looks up '${alias}' as ${kind}`, () => {
      assert.equal(lookupKind(alias)?.kind, kind);
    });
  }

  void it('answers undefined for an unknown name', () => {
    assert.equal(lookupKind('widget'), undefined);
    assert.equal(lookupKind(''), undefined);
    assert.equal(lookupKind('constructor'), undefined);
  });

  void it('tells exact kind names from aliases', () => {
    assert.equal(isKindName('TaskBook'), true);
    assert.equal(isKindName('taskbook'), false);
    assert.equal(kindInfo('CronJob').shortNames.includes('cj'), true);
  });

  void it('fixes the Config name to cluster', () => {
    assert.equal(kindInfo('Config').fixedName, 'cluster');
  });
});
