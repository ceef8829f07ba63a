import type { Redis } from 'ioredis';
import type { Logger } from '../../util/logger.js';

/** What RedisStore and RedisBus share about reaching Redis. */
export interface RedisConnectOptions {
  /** Give up on the first connection after this long. Default 5 s. */
  connectTimeoutMs?: number;
  /** Where connection trouble after the first connect is reported. */
  logger?: Logger;
}

/** Where a chat's keys (and its bus channel, `<prefix>events`) live unless told otherwise. */
export const DEFAULT_KEY_PREFIX = 'chat-line:';

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
/** Reconnect delays after a lost connection: 100 ms, 200 ms... at most 2 s. */
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * Opens one connection and waits until it is ready; rejects with an Error naming the URL
 * (password hidden) and saying what to do if Redis cannot be reached in time.
 *
 * Once connected, a lost connection is retried in the background, but commands never wait
 * for it: no offline queue and no retries per request, so a store call fails at once (the
 * user is told to try again) instead of hanging, and a command whose reply was lost is never
 * sent twice (an append resent after a reconnect would store its batch twice).
 */
export async function connectRedis(url: string, role: string, options: RedisConnectOptions = {}): Promise<Redis> {
  checkRedisUrl(url);
  const shown = describeRedisUrl(url);
  let ready = false;
  let lastError: Error | undefined;
  // Loaded here, when a Redis is asked for: ioredis is some 20 MB of resident memory.
  const { Redis: RedisClient } = await import('ioredis');
  const client = new RedisClient(url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // null = stop trying: the first connect fails fast; later losses are retried.
    retryStrategy: (attempt) => (ready ? Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS) : null),
  });
  // Without a listener ioredis prints errors to the console itself.
  client.on('error', (error: Error) => {
    lastError = error;
    if (ready) options.logger?.warn('redis.error', { role, url: shown, error: error.message });
  });
  try {
    await client.connect();
  } catch (error) {
    // Usually already 'end'; disconnect() then would leave ioredis's 2 s close timer behind.
    if (client.status !== 'end') client.disconnect();
    const cause = lastError ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      `cannot connect to Redis at ${shown} (${role}): ${reason}. ` +
        'Check that Redis is running there, or give another URL (redis://host:port).',
      { cause },
    );
  }
  ready = true;
  return client;
}

/**
 * Quits politely if connected (pending replies arrive first), else stops reconnecting;
 * resolves once the socket is closed, so no handle is left behind.
 */
export async function closeRedis(client: Redis): Promise<void> {
  const { status } = client;
  if (status !== 'ready' && status !== 'connect' && status !== 'connecting') {
    // No socket open (or it is already closing): just cancel any reconnect timer.
    client.disconnect();
    return;
  }
  const ended = new Promise<void>((resolve) => client.once('end', () => { resolve(); }));
  try {
    if (status === 'ready') await client.quit();
    else client.disconnect();
  } catch {
    client.disconnect();
  }
  await ended;
}

/** The URL for messages and logs: a password in it is replaced by `***`. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Throws an Error saying what a Redis URL looks like unless `url` is one. */
export function checkRedisUrl(url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new Error(`"${describeRedisUrl(url)}" is not a Redis URL: use redis://host:port (or rediss:// for TLS)`);
  }
}
