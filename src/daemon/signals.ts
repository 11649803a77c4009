// The only place that touches process signals. SIGINT/SIGTERM become one
// AbortSignal (drain); a second signal forces an immediate exit.

export interface ShutdownSignal {
  readonly signal: AbortSignal;
  /** the OS signal that started the shutdown, once one did */
  readonly received: () => NodeJS.Signals | undefined;
  dispose(): void;
}

export function onShutdownSignals(forceExit: (sig: NodeJS.Signals) => void): ShutdownSignal {
  const ac = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (sig: NodeJS.Signals) => {
    if (received) {
      forceExit(sig);
      return;
    }
    received = sig;
    ac.abort(new Error(`received ${sig}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: ac.signal,
    received: () => received,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
