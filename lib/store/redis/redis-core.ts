import type { Redis } from 'ioredis';
import type { StoreHealth } from '../store-health.js';
import { compareStrings } from '../collation.js';
import { closeRedis } from './redis-connect.js';
import type { EpochGuard } from './redis-epoch.js';

/**
 * What RedisStore's areas (redis-*.ts) are mixed into: the client, the key prefix and the
 * epoch guard that every call goes through. The key layout is in redis-store.ts.
 */
export class RedisCore {
  readonly kind = 'redis';
  private closed = false;

  constructor(
    protected readonly client: Redis,
    protected readonly prefix: string,
    /** The URL (password hidden), for error messages. */
    readonly location: string,
    protected readonly guard: EpochGuard,
  ) {}

  /** Whether Redis still holds what it held when this server started; once lost, every call fails with StoreResetError. */
  get health(): StoreHealth {
    return this.guard.health;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await closeRedis(this.client);
  }

  protected key(name: string): string {
    return this.prefix + name;
  }

  /** The JSON values of a hash keyed by folded nick (bans, mutes), in the other stores' order: by folded nick. */
  protected async jsonByNick<T>(name: string): Promise<T[]> {
    return Object.entries(await this.client.hgetall(this.key(name)))
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([, json]) => JSON.parse(json) as T);
  }

  /** Runs `work` unless closed or lost; everything else fails as Redis reports it (a STORE_RESET refusal as StoreResetError). */
  protected use<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`chat-line store ${this.location} is closed`));
    // A synchronous throw (a malformed batch, a lost store) becomes a rejection too.
    return Promise.resolve()
      .then(() => {
        this.guard.health.assertUsable();
        return work();
      })
      .catch((error: unknown) => Promise.reject(this.guard.translate(error)));
  }
}
