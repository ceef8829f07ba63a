import { LocalBus, type EventBus } from '../chat/hub/events.js';
import { RedisBus } from '../cluster/redis-bus.js';
import type { ServerConfig } from '../config.js';
import type { ChatStore } from '../store/chat-store.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import { RedisStore } from '../store/redis/redis-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Logger } from '../util/logger.js';

/** The store the config names: SQLite in --data-dir by default, memory, or a shared Redis. */
export async function openStore(config: ServerConfig, logger?: Logger): Promise<ChatStore> {
  switch (config.store) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite':
      return SqliteStore.open({ dataDir: config.dataDir });
    case 'redis':
      return RedisStore.connect(requireRedisUrl(config), {
        keyPrefix: config.redisKeyPrefix,
        logger,
        dataDir: config.dataDir,
        acceptReset: config.redisAcceptReset,
      });
  }
}

/**
 * In-process events for one server; through Redis when several share a Redis store, so that
 * every server hears of every message, join, leave and ban (the hubs keep rooms and
 * memberships in memory and learn of other servers' changes only from these events).
 */
export async function openBus(config: ServerConfig, logger: Logger): Promise<EventBus> {
  if (config.store !== 'redis') return new LocalBus();
  return RedisBus.connect(requireRedisUrl(config), { keyPrefix: config.redisKeyPrefix, logger });
}

function requireRedisUrl(config: ServerConfig): string {
  if (config.redisUrl === null) throw new Error('the redis store needs a Redis URL: pass --redis redis://host:port');
  return config.redisUrl;
}
