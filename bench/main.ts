// npm run bench -- <suite> [options]
//   api      control-plane figures on both backends (issue 3)
//   fleet    fleet-200 on Flotilla next to CFEngine, Puppet and Ansible (issue 4)
//   agents   a no-op run across 100 simulated agents on etcd (issue 4)
//   gossip   failure detection next to Serf: detection time, idle cost, false failures under loss (issue 5)
//   gossip-sim  the same protocol in the deterministic simulation, for tuning (virtual time; see gossip-sim.ts)
// Results print as a table and are appended as JSON lines to bench/results/.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runApiBench } from './api.js';
import { runFleetBench } from './fleet.js';
import { runAgentsBench } from './agents.js';
import { runGossipBench } from './gossip.js';
import { runGossipSim } from './gossip-sim.js';

const suites: Record<string, (args: string[]) => Promise<void>> = {
  api: runApiBench,
  fleet: runFleetBench,
  gossip: runGossipBench,
  'gossip-sim': async (a) => {
    const r = await runGossipSim(a);
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    appendFileSync(join(import.meta.dirname, 'results/gossip-sim.jsonl'), `${JSON.stringify({ ts: new Date().toISOString(), ...r })}\n`);
  },
  agents: async (a) => {
    const r = await runAgentsBench(a);
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    appendFileSync(join(import.meta.dirname, 'results/agents.jsonl'), `${JSON.stringify({ ts: new Date().toISOString(), ...r })}\n`);
  },
};

const [name, ...rest] = process.argv.slice(2);
const suite = name ? suites[name] : undefined;
if (!suite) {
  console.error(`usage: npm run bench -- <${Object.keys(suites).join('|')}> [options]`);
  process.exitCode = 2;
} else {
  await suite(rest);
}
