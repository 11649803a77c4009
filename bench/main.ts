// npm run bench -- <suite> [options]
//   api      control-plane figures on both backends (issue 3)
// Results print as a table and are appended as JSON lines to bench/results/.

import { runApiBench } from './api.js';

const suites: Record<string, (args: string[]) => Promise<void>> = { api: runApiBench };

const [name, ...rest] = process.argv.slice(2);
const suite = name ? suites[name] : undefined;
if (!suite) {
  console.error(`usage: npm run bench -- <${Object.keys(suites).join('|')}> [options]`);
  process.exitCode = 2;
} else {
  await suite(rest);
}
