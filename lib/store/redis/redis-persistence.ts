import type { Redis } from 'ioredis';
import type { Logger } from '../../util/logger.js';

const ADVICE = 'set appendonly yes and appendfsync everysec (or always) in redis.conf: see "Redis persistence" in the README';

/**
 * Says in the log, at start, whether Redis keeps the chat across its own restarts: with
 * no append-only file a restart loses everything since the last snapshot (or everything,
 * with none), and the servers then stop taking messages until restarted. Only warns: a
 * managed Redis may persist in ways CONFIG does not show, and may refuse CONFIG altogether.
 */
export async function checkPersistence(client: Redis, location: string, logger: Logger | undefined): Promise<void> {
  if (!logger) return;
  let settings: Map<string, string>;
  try {
    settings = pairs(await client.config('GET', 'append*'));
  } catch (error) {
    logger.warn('redis.persistence_unknown', {
      redis: location,
      error: error instanceof Error ? error.message : String(error),
      hint: `could not check how Redis persists (CONFIG GET refused); if it does not, a Redis restart loses the chat: ${ADVICE}`,
    });
    return;
  }
  const appendonly = settings.get('appendonly') ?? 'unknown';
  const appendfsync = settings.get('appendfsync') ?? 'unknown';
  if (appendonly !== 'yes') {
    logger.warn('redis.persistence_off', { redis: location, appendonly, hint: `a Redis restart loses what was written since its last snapshot (everything, if it takes none): ${ADVICE}` });
  } else if (appendfsync !== 'everysec' && appendfsync !== 'always') {
    logger.warn('redis.persistence_weak', { redis: location, appendonly, appendfsync, hint: `a crash of the machine may lose more than a second of writes: ${ADVICE}` });
  } else {
    logger.info('redis.persistence', { redis: location, appendonly, appendfsync });
  }
}

/** CONFIG GET's flat [name, value, ...] reply (RESP2), as a map. */
function pairs(reply: unknown): Map<string, string> {
  const settings = new Map<string, string>();
  if (!Array.isArray(reply)) return settings;
  for (let i = 0; i + 1 < reply.length; i += 2) settings.set(String(reply[i]), String(reply[i + 1]));
  return settings;
}
