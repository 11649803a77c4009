// List a prefix, then follow it: the pattern every watcher of the store uses
// (STYLE §4). The full state is handed over after the first list and after
// every re-list (the watch start was compacted, or the watch failed); single
// changes come in between, in revision order.

import { CompactedError } from '../errors.js';
import { Backoff } from '../lib/backoff.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import type { KeyValue, Store, WatchEvent } from './store.js';

export interface FollowHandlers {
  /** the whole prefix as of `revision`; replaces whatever the caller knew */
  onReset(items: KeyValue[], revision: string): void | Promise<void>;
  /** one change after the last reset (bookmarks are passed on too) */
  onEvent(ev: WatchEvent): void | Promise<void>;
}

/** Runs until the signal aborts; resolves then (never rejects on abort). */
export async function followPrefix(
  store: Store,
  prefix: string,
  handlers: FollowHandlers,
  opts: { signal: AbortSignal; clock: Clock; log: Logger; bookmarkIntervalMs?: number },
): Promise<void> {
  const { signal } = opts;
  const backoff = new Backoff({ initialMs: 100, maxMs: 5_000 });
  while (!signal.aborted) {
    let from: bigint;
    try {
      const items: KeyValue[] = [];
      let revision: string | undefined;
      let after: string | undefined;
      for (;;) {
        const page = await store.list(prefix, { revision, startAfter: after, limit: 1000, signal });
        revision = page.revision;
        items.push(...page.items);
        if (!page.more || page.items.length === 0) break;
        after = page.items[page.items.length - 1].key;
      }
      await handlers.onReset(items, revision);
      from = BigInt(revision);
    } catch (err) {
      if (signal.aborted) return;
      opts.log.warn({ err, prefix }, 'list failed; retrying');
      await opts.clock.sleep(backoff.next(), signal).catch(() => undefined);
      continue;
    }
    try {
      for await (const ev of store.watch(prefix, { signal, fromRevision: (from + 1n).toString(), bookmarkIntervalMs: opts.bookmarkIntervalMs })) {
        await handlers.onEvent(ev);
        backoff.reset();
      }
      return;
    } catch (err) {
      if (signal.aborted) return;
      if (!(err instanceof CompactedError)) {
        opts.log.warn({ err, prefix }, 'watch failed; re-listing');
        await opts.clock.sleep(backoff.next(), signal).catch(() => undefined);
      }
    }
  }
}
