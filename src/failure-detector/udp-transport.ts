// The real network under the failure detector (the only importer of dgram):
// UDP datagrams for protocol packets, and one short TCP connection per stream
// payload (push-pull state exchange) on the same port number. Everything on
// the wire is sealed with the key ring (AES-256-GCM); a datagram or stream
// that no key opens is dropped and counted, never handed to the protocol.
//
// Limits: datagrams carry at most MAX_DATAGRAM bytes (a safe size under
// common MTUs); a stream payload at most MAX_STREAM bytes; an inbound stream
// must arrive within STREAM_READ_TIMEOUT_MS and at most MAX_INBOUND_STREAMS
// are open at once, so a slow or hostile peer cannot hold resources.

import { createSocket, type Socket } from 'node:dgram';
import { lookup as dnsLookup, type LookupOneOptions } from 'node:dns';
import { createServer, connect, isIP, type Server, type Socket as TcpSocket } from 'node:net';
import { formatHostPort, parseHostPort, type HostPort } from '../lib/host-port.js';
import { Keyring, KeyringError, SEAL_OVERHEAD } from './keyring.js';
import type { Delivery, Transport, TransportHandler } from './transport.js';

export const MAX_DATAGRAM = 1400;
export const MAX_STREAM = 8 * 1024 * 1024;
const STREAM_READ_TIMEOUT_MS = 10_000;
const MAX_INBOUND_STREAMS = 64;

export interface TransportStats {
  packetsSent: number;
  packetsReceived: number;
  bytesSent: number;
  bytesReceived: number;
  streamsSent: number;
  streamsReceived: number;
  /** datagrams or streams no key in the ring authenticated */
  authFailures: number;
  /** oversized or truncated input, refused streams, send errors */
  dropped: number;
}

export interface UdpTransportLogger {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export class UdpTransport implements Transport, AsyncDisposable {
  readonly maxPacketPayload = MAX_DATAGRAM - SEAL_OVERHEAD;
  #keyring: Keyring;
  #udp: Socket | undefined;
  #tcp: Server | undefined;
  #address = '';
  #handler: TransportHandler = () => {};
  #inbound = new Set<TcpSocket>();
  #stopped = false;
  #lastAuthWarn = -Infinity;
  /** parsed peer addresses (a member sends to the same few every round) */
  readonly #peers = new Map<string, HostPort | undefined>();
  readonly #onSent = (err: Error | null) => {
    if (err) this.#stats.dropped++;
  };
  readonly #stats: TransportStats = { packetsSent: 0, packetsReceived: 0, bytesSent: 0, bytesReceived: 0, streamsSent: 0, streamsReceived: 0, authFailures: 0, dropped: 0 };

  constructor(
    private readonly opts: { bind: string; keyring: Keyring; log?: UdpTransportLogger; now?: () => number },
  ) {
    this.#keyring = opts.keyring;
  }

  get address(): string {
    return this.#address;
  }

  stats(): TransportStats {
    return { ...this.#stats };
  }

  /** swaps the key ring (rotation); takes effect for the next packet */
  setKeyring(keyring: Keyring): void {
    this.#keyring = keyring;
  }

  setHandler(handler: TransportHandler): void {
    this.#handler = handler;
  }

  /** binds UDP and TCP on the bind address (port 0: one free port for both) */
  async start(): Promise<void> {
    const hp = parseHostPort(this.opts.bind);
    if (!hp) throw new Error(`gossip bind address '${this.opts.bind}' is not host:port`);
    const family = isIP(hp.host) === 6 ? 'udp6' : 'udp4';
    for (let attempt = 0; ; attempt++) {
      const udp = createSocket({ type: family, lookup: lookupLiteral });
      try {
        await new Promise<void>((resolve, reject) => {
          udp.once('error', reject);
          udp.bind(hp.port, hp.host, () => {
            udp.off('error', reject);
            resolve();
          });
        });
      } catch (err) {
        udp.close();
        throw new Error(`cannot bind gossip UDP ${this.opts.bind}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
      }
      const port = udp.address().port;
      const tcp = createServer({ noDelay: true }, (s) => this.#accept(s));
      try {
        await new Promise<void>((resolve, reject) => {
          tcp.once('error', reject);
          tcp.listen({ port, host: hp.host, exclusive: true }, () => {
            tcp.off('error', reject);
            resolve();
          });
        });
      } catch (err) {
        udp.close();
        // port 0 picked a UDP port whose TCP twin is taken: pick again
        if (hp.port === 0 && attempt < 10) continue;
        throw new Error(`cannot bind gossip TCP ${formatHostPort({ host: hp.host, port })}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
      }
      udp.on('message', (msg, rinfo) => this.#onDatagram(msg, formatHostPort({ host: rinfo.address, port: rinfo.port })));
      udp.on('error', (err) => this.opts.log?.warn({ err }, 'gossip UDP socket error'));
      this.#udp = udp;
      this.#tcp = tcp;
      this.#address = formatHostPort({ host: hp.host, port });
      return;
    }
  }

  sendPacket(to: string, payload: Uint8Array): void {
    const udp = this.#udp;
    let hp = this.#peers.get(to);
    if (hp === undefined && !this.#peers.has(to)) {
      if (this.#peers.size >= 4096) this.#peers.clear();
      hp = parseHostPort(to);
      this.#peers.set(to, hp);
    }
    if (!udp || this.#stopped || !hp || payload.length > this.maxPacketPayload) {
      this.#stats.dropped++;
      return;
    }
    const frame = this.#keyring.seal(payload);
    this.#stats.packetsSent++;
    this.#stats.bytesSent += frame.length;
    udp.send(frame, hp.port, hp.host, this.#onSent);
  }

  sendStream(to: string, payload: Uint8Array, timeoutMs: number): Promise<void> {
    const hp = parseHostPort(to);
    if (this.#stopped) return Promise.reject(new Error('gossip transport is stopped'));
    if (!hp) return Promise.reject(new Error(`'${to}' is not host:port`));
    if (payload.length > MAX_STREAM - SEAL_OVERHEAD) return Promise.reject(new Error(`stream payload of ${payload.length} bytes is over the ${MAX_STREAM}-byte limit`));
    const frame = this.#keyring.seal(payload);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(frame.length);
    return new Promise<void>((resolve, reject) => {
      const s = connect({ port: hp.port, host: hp.host, noDelay: true });
      const timer = setTimeout(() => s.destroy(new Error(`stream to ${to} timed out after ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`stream to ${to} failed: ${(err as NodeJS.ErrnoException).code ?? err.message}`, { cause: err }));
      });
      s.once('connect', () => {
        s.end(Buffer.concat([head, frame]));
      });
      s.once('close', (hadError) => {
        clearTimeout(timer);
        if (hadError) return;
        this.#stats.streamsSent++;
        this.#stats.bytesSent += frame.length + 4;
        resolve();
      });
      s.resume(); // the peer sends nothing; drain so 'close' fires
    });
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const s of this.#inbound) s.destroy();
    await Promise.all([
      new Promise<void>((r) => (this.#udp ? this.#udp.close(() => r()) : r())),
      new Promise<void>((r) => (this.#tcp ? this.#tcp.close(() => r()) : r())),
    ]);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  #onDatagram(msg: Buffer, from: string): void {
    this.#stats.bytesReceived += msg.length;
    if (msg.length > MAX_DATAGRAM) {
      this.#stats.dropped++;
      return;
    }
    this.#deliver(msg, from, 'packet');
  }

  #deliver(frame: Uint8Array, from: string, via: Delivery): void {
    let payload: Buffer;
    try {
      payload = this.#keyring.open(frame);
    } catch (err) {
      if (!(err instanceof KeyringError)) throw err;
      this.#stats.authFailures++;
      const now = (this.opts.now ?? Date.now)();
      if (now - this.#lastAuthWarn > 60_000) {
        this.#lastAuthWarn = now;
        this.opts.log?.warn({ from, via, authFailures: this.#stats.authFailures }, 'dropped gossip traffic no key authenticates; do all daemons share the gossip key?');
      }
      return;
    }
    if (via === 'packet') this.#stats.packetsReceived++;
    else this.#stats.streamsReceived++;
    try {
      this.#handler(payload, from, via);
    } catch (err) {
      this.#stats.dropped++;
      this.opts.log?.debug({ err, from }, 'gossip payload refused');
    }
  }

  #accept(s: TcpSocket): void {
    if (this.#stopped || this.#inbound.size >= MAX_INBOUND_STREAMS) {
      this.#stats.dropped++;
      s.destroy();
      return;
    }
    this.#inbound.add(s);
    const from = formatHostPort({ host: s.remoteAddress ?? '?', port: s.remotePort ?? 0 });
    const chunks: Buffer[] = [];
    let got = 0;
    let want = -1;
    const timer = setTimeout(() => fail(), STREAM_READ_TIMEOUT_MS);
    timer.unref();
    const fail = () => {
      this.#stats.dropped++;
      s.destroy();
    };
    s.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
      if (want < 0 && got >= 4) {
        want = Buffer.concat(chunks).readUInt32BE(0);
        if (want > MAX_STREAM || want < SEAL_OVERHEAD) return fail();
      }
      if (want >= 0 && got > want + 4) fail();
    });
    s.on('end', () => {
      clearTimeout(timer);
      s.end();
      if (want < 0 || got !== want + 4) return fail();
      this.#stats.bytesReceived += got;
      this.#deliver(Buffer.concat(chunks, got).subarray(4), from, 'stream');
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      this.#inbound.delete(s);
    });
  }
}

/**
 * dgram's address lookup, called for every send. Member addresses are IP
 * literals, which go through at once; Node's default (dns.lookup) answers
 * them a tick later, a dns call and a nextTick round per packet (a tenth of
 * the samples in a profile of an idle member, though the CPU it saves is
 * within the noise of the idle benchmark). Names (a seed given as
 * host:port) still go through DNS.
 */
function lookupLiteral(host: string, options: LookupOneOptions, callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void): void {
  const family = isIP(host);
  if (family !== 0) callback(null, host, family);
  else dnsLookup(host, options, callback);
}
