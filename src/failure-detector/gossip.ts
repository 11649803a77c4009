// Gossip as the daemon runs it: the key ring from a file (reloaded when the
// file changes, so keys rotate without a restart), the UDP/TCP transport, the
// SWIM detector, and a join loop that keeps asking the seeds until this
// member has company (seeds may start after us, and a member left alone after
// everyone else was forgotten asks again).
//
// Without a configured key file, a key is generated once into the data dir
// (mode 0600) and reused: a single node works out of the box, and the
// operator copies that file (or any `openssl rand -base64 32`) to every
// member of a larger cluster. Gossip never runs in plaintext.

import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { Backoff } from '../lib/backoff.js';
import type { Clock } from '../lib/clock.js';
import { Detector, type DetectorLogger, type DetectorStats, type GossipTuning, type Member, type MemberEvent } from './detector.js';
import { Keyring } from './keyring.js';
import { UdpTransport, type TransportStats } from './udp-transport.js';

export interface GossipOptions {
  /** member name: the node name */
  readonly name: string;
  /** host:port to bind (port 0: any free port) */
  readonly bind: string;
  /** seed addresses to join through */
  readonly seeds: readonly string[];
  /** the key ring file; undefined: `generatedKeyFile` (created when missing) */
  readonly keyFile: string | undefined;
  readonly generatedKeyFile: string;
  readonly tuning: GossipTuning;
  /** how often the key file (and readTuning) is checked for changes; default 5 s */
  readonly checkIntervalMs?: number;
  /** the current tuning (e.g. from the cluster Config object); applied when it changes */
  readonly readTuning?: () => Promise<GossipTuning>;
}

export interface GossipDeps {
  readonly clock: Clock;
  readonly log: DetectorLogger & { error(obj: object, msg: string): void };
}

export interface GossipStats {
  readonly detector: DetectorStats;
  readonly transport: TransportStats;
  readonly keyring: { readonly keys: number; readonly primary: string };
}

const JOIN_TIMEOUT_MS = 5_000;
const COMPANY_CHECK_MS = 10_000;

export class Gossip implements AsyncDisposable {
  readonly #abort = new AbortController();
  readonly #loops: Promise<void>[] = [];
  #transport: UdpTransport | undefined;
  #detector: Detector | undefined;
  #keyFile = '';
  #keyStamp = '';
  #keyring: Keyring | undefined;
  #tuning = '';
  #state: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(
    private readonly deps: GossipDeps,
    private readonly opts: GossipOptions,
  ) {}

  /** loads the key ring, binds the sockets and starts probing; seeds are joined in the background */
  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new Error(`gossip is ${this.#state}`);
    this.#state = 'running';
    this.#keyFile = this.opts.keyFile ?? this.opts.generatedKeyFile;
    if (this.opts.keyFile === undefined) await ensureKeyFile(this.#keyFile, this.deps.log);
    this.#keyStamp = await stamp(this.#keyFile);
    const keyring = await Keyring.load(this.#keyFile);
    this.#keyring = keyring;
    const transport = new UdpTransport({ bind: this.opts.bind, keyring, log: this.deps.log, now: () => this.deps.clock.now() });
    await transport.start();
    this.#transport = transport;
    const detector = new Detector({ name: this.opts.name, transport, clock: this.deps.clock, tuning: this.opts.tuning, log: this.deps.log });
    detector.start();
    this.#detector = detector;
    this.deps.log.info({ address: transport.address, keys: keyring.size, primary: keyring.primaryFingerprint, seeds: this.opts.seeds }, 'gossip started');
    this.#tuning = JSON.stringify(this.opts.tuning);
    this.#loops.push(this.#joinLoop(this.#abort.signal), this.#checkLoop(this.#abort.signal));
  }

  /** host:port this member gossips on */
  get address(): string {
    return this.#transport?.address ?? '';
  }

  members(): Member[] {
    return this.#detector?.members() ?? [];
  }

  subscribe(fn: (e: MemberEvent) => void): () => void {
    if (!this.#detector) throw new Error('gossip is not started');
    return this.#detector.subscribe(fn);
  }

  setTuning(t: GossipTuning): void {
    this.#detector?.setTuning(t);
  }

  stats(): GossipStats | undefined {
    if (!this.#detector || !this.#transport) return undefined;
    const ring = this.#keyring!;
    return { detector: this.#detector.stats(), transport: this.#transport.stats(), keyring: { keys: ring.size, primary: ring.primaryFingerprint } };
  }

  /** announces the departure (peers see "left", not "dead"), then closes the sockets */
  async leave(timeoutMs: number): Promise<void> {
    if (this.#state !== 'running') return;
    try {
      await this.#detector?.leave({ timeoutMs });
    } catch (err) {
      this.deps.log.warn({ err }, 'gossip leave did not finish');
    }
    await this.stop();
  }

  /** goes silent at once (peers will declare this member dead) */
  async stop(): Promise<void> {
    if (this.#state !== 'running') return;
    this.#state = 'stopped';
    this.#abort.abort(new Error('gossip stopping'));
    await this.#detector?.stop();
    await Promise.allSettled(this.#loops);
    await this.#transport?.stop();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  async #joinLoop(signal: AbortSignal): Promise<void> {
    const seeds = this.opts.seeds.filter((s) => s !== this.address);
    if (seeds.length === 0) return;
    const backoff = new Backoff({ initialMs: 500, maxMs: 30_000 });
    let warned = false;
    while (!signal.aborted) {
      const company = this.members().some((m) => m.name !== this.opts.name && (m.state === 'alive' || m.state === 'suspect'));
      let wait = COMPANY_CHECK_MS;
      if (!company) {
        try {
          const n = await this.#detector!.join(seeds, { timeoutMs: JOIN_TIMEOUT_MS });
          this.deps.log.info({ reached: n, seeds }, 'joined the gossip group');
          backoff.reset();
          warned = false;
        } catch (err) {
          if (signal.aborted) return;
          wait = backoff.next();
          if (warned) this.deps.log.debug({ err, retryInMs: wait }, 'cannot join the gossip group yet');
          else this.deps.log.warn({ err, retryInMs: wait }, 'cannot join the gossip group yet');
          warned = true;
        }
      }
      if (!(await abortableSleep(this.deps.clock, wait, signal))) return;
    }
  }

  async #checkLoop(signal: AbortSignal): Promise<void> {
    const every = this.opts.checkIntervalMs ?? 5_000;
    while (await abortableSleep(this.deps.clock, every, signal)) {
      await this.#checkKeys();
      await this.#checkTuning();
    }
  }

  async #checkTuning(): Promise<void> {
    if (!this.opts.readTuning) return;
    try {
      const t = await this.opts.readTuning();
      const text = JSON.stringify(t);
      if (text === this.#tuning) return;
      this.#tuning = text;
      this.#detector?.setTuning(t);
      this.deps.log.info({ tuning: t }, 'gossip tuning changed');
    } catch (err) {
      this.deps.log.warn({ err }, 'gossip tuning not read; keeping the current one');
    }
  }

  async #checkKeys(): Promise<void> {
    try {
      const s = await stamp(this.#keyFile);
      if (s === this.#keyStamp) return;
      this.#keyStamp = s;
      const ring = await Keyring.load(this.#keyFile);
      this.#transport?.setKeyring(ring);
      this.#keyring = ring;
      this.deps.log.info({ file: this.#keyFile, keys: ring.size, primary: ring.primaryFingerprint }, 'gossip key ring reloaded');
    } catch (err) {
      this.deps.log.error({ err: { message: (err as Error).message } }, 'gossip key file not reloaded; keeping the current keys');
    }
  }
}

/** sleeps; false when aborted first */
async function abortableSleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await clock.sleep(ms, signal);
    return true;
  } catch {
    return false;
  }
}

async function stamp(file: string): Promise<string> {
  const s = await stat(file);
  return `${s.mtimeMs}:${s.size}:${s.ino}`;
}

async function ensureKeyFile(file: string, log: DetectorLogger): Promise<void> {
  try {
    await readFile(file);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const text = `# flotilla gossip key ring: one base64 AES-256 key per line, primary first.\n# Copy this file to every daemon of the cluster (flotillad --gossip-key FILE).\n${Keyring.generateKey()}\n`;
  await writeFile(file, text, { mode: 0o600, flag: 'wx' }).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  });
  await chmod(file, 0o600);
  log.info({ file }, 'generated a gossip key');
}
