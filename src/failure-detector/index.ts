// Gossip failure detection (SWIM with Lifeguard), self-contained: it depends
// on lib/ only and keeps working while the store is down. The daemon uses
// Gossip (key file, sockets, detector, join loop); tests and benches may use
// the pieces.
export { Detector, type DetectorLogger, type DetectorStats, type GossipTuning, type Member, type MemberEvent, type MemberState } from './detector.js';
export { Gossip, type GossipDeps, type GossipOptions, type GossipStats } from './gossip.js';
export { Keyring, KeyringError } from './keyring.js';
export type { Delivery, Transport, TransportHandler } from './transport.js';
export { UdpTransport, type TransportStats } from './udp-transport.js';
