// flotctl's entry point: global flags, the command table, and exit codes —
// 0 success, 1 a failed request or run, 2 a usage error. Errors print as
// one line naming what was wrong (file, document, field) without a stack.

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDuration } from '../src/lib/duration.js';
import { parseHostPort } from '../src/lib/host-port.js';
import { Client } from './client.js';
import { UsageError, errorText, type Command, type Io } from './context.js';
import { applyCommand } from './commands/apply.js';
import { deleteCommand } from './commands/delete.js';
import { describeCommand } from './commands/describe.js';
import { getCommand } from './commands/get.js';
import { nodesCommand } from './commands/nodes.js';
import { cancelCommand, runCommand } from './commands/run.js';
import { runsCommand } from './commands/runs.js';
import { logsCommand } from './commands/logs.js';
import { eventsCommand } from './commands/events.js';


const COMMANDS: readonly Command[] = [applyCommand, getCommand, describeCommand, deleteCommand, nodesCommand, runCommand, runsCommand, logsCommand, cancelCommand, eventsCommand];

const GLOBAL_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  server: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** width of the usage column in --help */
const USAGE_WIDTH = 48;

export function usage(): string {
  return [
    'usage: flotctl [--server HOST:PORT] [--timeout 30s] COMMAND [ARGS]',
    '',
    'commands:',
    // a usage too long for the column gets its summary on the next line, so no line runs past ~110 characters
    ...COMMANDS.map((c) => (c.usage.length <= USAGE_WIDTH ? `  ${c.usage.padEnd(USAGE_WIDTH)} ${c.summary}` : `  ${c.usage}\n  ${' '.repeat(USAGE_WIDTH)} ${c.summary}`)),
    '',
    'global flags:',
    '  --server HOST:PORT   daemon to talk to (default $FLOTILLA_SERVER or 127.0.0.1:7400)',
    '  --timeout DURATION   deadline of each request (default 30s)',
    '',
    'exit codes: 0 success, 1 failed request, 2 usage error',
  ].join('\n');
}

export function defaultIo(): Io {
  // `flotctl get ... | head`: a closed pipe ends the command quietly
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    isTty: process.stdout.isTTY === true,
    readFile: (p) => readFile(p, 'utf8'),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

export async function main(argv: readonly string[], io: Io = defaultIo(), env: Record<string, string | undefined> = process.env): Promise<number> {
  const verbIndex = findVerb(argv);
  const verb = verbIndex >= 0 ? argv[verbIndex] : undefined;
  if (verb === undefined || verb === 'help') {
    const asked = verb === 'help' || argv.includes('--help') || argv.includes('-h');
    if (asked) io.out(`${usage()}\n`);
    else io.err(`${usage()}\n`);
    return asked ? 0 : 2;
  }
  if (verb === 'version') {
    io.out('flotctl 0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === verb);
  if (!cmd) {
    io.err(`flotctl: unknown command '${verb}'\n${usage()}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv.slice(0, verbIndex), ...argv.slice(verbIndex + 1)],
      options: { ...GLOBAL_OPTIONS, ...cmd.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    io.err(`flotctl ${cmd.name}: ${(err as Error).message}\nusage: flotctl ${cmd.usage}\n`);
    return 2;
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    io.out(`usage: flotctl ${cmd.usage}\n  ${cmd.summary}\n`);
    return 0;
  }
  const timeout = values.timeout as string | undefined;
  const timeoutMs = timeout !== undefined ? parseDuration(timeout) : 30_000;
  if (timeoutMs === undefined || timeoutMs <= 0) {
    io.err(`flotctl: --timeout '${timeout}' is not a duration such as 30s\n`);
    return 2;
  }
  const server = (values.server as string | undefined) ?? (env.FLOTILLA_SERVER || '127.0.0.1:7400');
  if (parseHostPort(server) === undefined) {
    io.err(`flotctl: ${values.server !== undefined ? '--server' : 'FLOTILLA_SERVER'} '${server}' is not HOST:PORT (e.g. 127.0.0.1:7400 or [::1]:7400)\n`);
    return 2;
  }
  const client = new Client(server, timeoutMs);
  try {
    return await cmd.run({ client, io }, parsed.positionals, values);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`flotctl ${cmd.name}: ${err.message}\nusage: flotctl ${cmd.usage}\n`);
      return 2;
    }
    io.err(`${errorText(err)}\n`);
    return 1;
  } finally {
    client.close();
  }
}


/** global flags may precede the verb (flotctl --server X get ...); the verb is the first word after them */
function findVerb(argv: readonly string[]): number {
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-')) i += argv[i] === '--server' || argv[i] === '--timeout' ? 2 : 1;
  return i < argv.length ? i : -1;
}

// run directly (node --import tsx cli/main.ts ...) rather than through bin/flotctl.js
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
