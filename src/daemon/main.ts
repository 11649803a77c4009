// flotillad's entry point: argv -> config -> root logger -> startDaemon, then
// wait for SIGTERM/SIGINT and drain. Startup problems print one clear line
// (no stack trace) and exit 1; bad flags exit 2.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { InvalidArgumentError, isFlotillaError } from '../errors.js';
import { systemClock } from '../lib/clock.js';
import { createLogger } from '../log.js';
import { UsageError, loadConfig } from '../config/load.js';
import { startDaemon } from './daemon.js';
import { onShutdownSignals } from './signals.js';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url).pathname.replace(/\/dist\/package\.json$/, '/package.json'), 'utf8')) as {
    version: string;
  }
).version;

export async function main(argv: readonly string[]): Promise<number> {
  let loaded;
  try {
    loaded = loadConfig({ argv, env: process.env });
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`flotillad: ${err.message}\n`);
      return 2;
    }
    if (err instanceof InvalidArgumentError) {
      process.stderr.write(`flotillad: bad configuration:\n${err.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}\n`);
      return 2;
    }
    throw err;
  }
  if (loaded.kind === 'help') {
    process.stdout.write(`${loaded.text}\n`);
    return 0;
  }
  if (loaded.kind === 'version') {
    process.stdout.write(`flotillad ${VERSION}\n`);
    return 0;
  }
  const config = loaded.config;
  const log = createLogger({ level: config.logLevel, node: config.name });
  const signals = onShutdownSignals((sig) => {
    log.warn({ signal: sig }, 'second signal: exiting now');
    log.flush();
    process.exit(130);
  });
  let daemon;
  try {
    daemon = await startDaemon(config, { log, clock: systemClock, version: VERSION });
  } catch (err) {
    const msg = isFlotillaError(err) ? err.message : (err as Error).message;
    log.error({ err }, 'startup failed');
    log.flush();
    process.stderr.write(`flotillad: ${msg}\n`);
    signals.dispose();
    return 1;
  }
  const reason = await Promise.race([
    new Promise<'signal'>((r) => signals.signal.addEventListener('abort', () => r('signal'), { once: true })),
    daemon.closed.then(() => 'closed' as const),
  ]);
  if (reason === 'signal') log.info({ signal: signals.received() }, 'shutting down');
  await daemon.stop();
  const err = await daemon.closed;
  signals.dispose();
  log.flush();
  return err ? 1 : 0;
}

// run directly (node --import tsx src/daemon/main.ts ...) rather than through bin/flotillad.js
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
