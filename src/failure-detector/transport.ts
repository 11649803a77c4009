// The failure detector's view of the network. The protocol core sends and
// receives opaque payloads through this interface and never touches sockets
// or keys: udp-transport.ts implements it over UDP (packets) and TCP
// (streams) with AES-256-GCM from keyring.ts; memory-transport.ts implements
// it over a simulated network for deterministic tests.

/** how a payload arrived */
export type Delivery = 'packet' | 'stream';

/** called once per received payload, synchronously, in arrival order */
export type TransportHandler = (payload: Uint8Array, from: string, via: Delivery) => void;

export interface Transport {
  /** host:port peers reach this member at (the bound address, known once started) */
  readonly address: string;
  /** the largest payload sendPacket carries, after the transport's own overhead */
  readonly maxPacketPayload: number;
  /**
   * Best effort: the payload may be lost, duplicated or reordered. Never
   * throws; a payload over maxPacketPayload or a send error is counted and
   * dropped.
   */
  sendPacket(to: string, payload: Uint8Array): void;
  /**
   * Reliable delivery of one payload of any size (up to a few MiB) to the
   * member at `to`; one-way, a reply is another sendStream. Rejects when it
   * cannot be delivered within timeoutMs. `from` on the receiving side is not
   * a reply address: payloads carry the sender's address where it matters.
   */
  sendStream(to: string, payload: Uint8Array, timeoutMs: number): Promise<void>;
  /** sets the receive handler (one per transport) */
  setHandler(handler: TransportHandler): void;
}
