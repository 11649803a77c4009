// One gossip member on its own, without a store or an API: the process the
// gossip benchmark (bench/gossip.ts) and the multi-process tests start, so
// what they measure is the failure detector alone (as Serf's agent is).
//
//   node dist/src/failure-detector/standalone.js --name n1 --bind 127.0.0.1:7401 \
//        --key-file gossip.key --tuning '{"probeIntervalMs":400,...}' [--join 127.0.0.1:7411,...]
//        [--check-interval-ms 5000]   (how often the key file is re-read)
//
// stdout, one JSON object per line: {"ready":{"address"}} once bound, then
// {"t":epochMs,"member":name,"state":s,"previous":p} for every transition it
// sees, and {"stats":{...}} after each "stats" line on stdin. SIGTERM leaves
// the group gracefully; SIGKILL is a crash.

import { parseArgs } from 'node:util';
import { systemClock } from '../lib/clock.js';
import { Gossip } from './gossip.js';
import type { GossipTuning } from './detector.js';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    bind: { type: 'string', default: '127.0.0.1:0' },
    join: { type: 'string', default: '' },
    'key-file': { type: 'string' },
    tuning: { type: 'string' },
    'check-interval-ms': { type: 'string', default: '5000' },
  },
});
if (!values.name || !values['key-file'] || !values.tuning) {
  process.stderr.write('usage: standalone --name NAME --key-file FILE --tuning JSON [--bind HOST:PORT] [--join A,B]\n');
  process.exit(2);
}
const out = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const warn = (obj: object, msg: string) => process.stderr.write(`${JSON.stringify({ msg, ...obj })}\n`);
const log = { debug: () => undefined, info: () => undefined, warn, error: warn };
const gossip = new Gossip(
  { clock: systemClock, log },
  {
    name: values.name,
    bind: values.bind,
    seeds: values.join.split(',').filter(Boolean),
    keyFile: values['key-file'],
    generatedKeyFile: values['key-file'],
    tuning: JSON.parse(values.tuning) as GossipTuning,
    checkIntervalMs: Number(values['check-interval-ms']),
  },
);
await gossip.start();
gossip.subscribe((e) => out({ t: Date.now(), member: e.member.name, state: e.member.state, previous: e.previous ?? null }));
out({ ready: { address: gossip.address } });
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  input += chunk;
  let nl: number;
  while ((nl = input.indexOf('\n')) >= 0) {
    const line = input.slice(0, nl).trim();
    input = input.slice(nl + 1);
    if (line === 'stats') out({ stats: gossip.stats() });
  }
});
process.stdin.on('end', () => undefined);
process.once('SIGTERM', () => {
  void gossip.leave(2_000).finally(() => process.exit(0));
});
