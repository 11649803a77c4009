// Retry an assertion until it passes or a generous deadline ends. Tests use
// this instead of sleeping and hoping (STYLE §7).
//
// Give every assert.ok in a check a message. Without one, node builds the
// message by reading and parsing the caller's source, which under tsx in the
// test runner was seen to block for many seconds: the first miss of a poll
// then used up the whole deadline and the check never ran again.

export async function assertEventually(
  check: () => void | Promise<void>,
  { timeoutMs = 10_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Takes items from an async iterator until `predicate` holds for the collected list. */
export async function collectUntil<T>(
  it: AsyncIterator<T>,
  predicate: (items: T[]) => boolean,
  { timeoutMs = 10_000 }: { timeoutMs?: number } = {},
): Promise<T[]> {
  const items: T[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!predicate(items)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`collectUntil: timed out after ${timeoutMs} ms with ${items.length} items: ${JSON.stringify(items).slice(0, 2000)}`);
    let timer: NodeJS.Timeout | undefined;
    const r = await Promise.race([
      it.next(),
      new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), left))),
    ]);
    clearTimeout(timer);
    if (r === 'timeout') continue;
    if (r.done) throw new Error(`collectUntil: iterator ended with ${items.length} items: ${JSON.stringify(items).slice(0, 2000)}`);
    items.push(r.value);
  }
  return items;
}

/** `p`, or a rejection naming `what` when it has not settled after `ms` */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not settled after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
