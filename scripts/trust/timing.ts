import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits for the first of `events` or `ms`, whichever comes first; true if an event came.
 * The timer is cleared either way, so a finished wait holds nothing (and no process open).
 */
export async function within(ms: number, ...events: Promise<unknown>[]): Promise<boolean> {
  const abort = new AbortController();
  const timeout = delay(Math.max(0, ms), false, { signal: abort.signal }).catch(() => false);
  try {
    return await Promise.race([...events.map((event) => event.then(() => true)), timeout]);
  } finally {
    abort.abort();
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return delay(Math.max(0, ms));
}

/** Polls `done` every 100 ms until it holds or `ms` have passed; true if it held. */
export async function waitUntil(done: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() >= until) return false;
    await sleep(100);
  }
  return true;
}
