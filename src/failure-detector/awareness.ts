// Lifeguard local health awareness (memberlist awareness.go): a score from 0
// (healthy) to max − 1 that rises when our own probes fail without the nacks
// that would show the network is fine, and when we have to refute a
// suspicion about ourselves. While it is high we are probably the slow one,
// so probe intervals and timeouts are stretched by (score + 1).

export class Awareness {
  #max: number;
  #score = 0;

  constructor(maxMultiplier: number) {
    this.#max = Math.max(1, Math.floor(maxMultiplier));
  }

  /** 0 = healthy */
  get score(): number {
    return this.#score;
  }

  /** adds delta and clamps to 0..max−1 */
  applyDelta(delta: number): void {
    this.#score = Math.min(this.#max - 1, Math.max(0, this.#score + delta));
  }

  setMaxMultiplier(maxMultiplier: number): void {
    this.#max = Math.max(1, Math.floor(maxMultiplier));
    this.applyDelta(0);
  }

  scaleTimeout(ms: number): number {
    return ms * (this.#score + 1);
  }
}
