import { nickKey } from '../collation.js';
import type { KeyStore, PublicKeyRecord } from '../key-store.js';
import type { Constructor } from '../mixin.js';
import { asInteger, parsed } from './redis-codec.js';
import type { RedisCore } from './redis-core.js';

/** Binds the key unless its fingerprint is taken: the record, then the owner's index. */
const ADD_KEY = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0`;

/** Unbinds a key only if it is in the owner's index. */
const REMOVE_KEY = `
if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`;

/** RedisStore's SSH public keys: `ssh-key:<fingerprint>` each, and `ssh-keys:<nk>` by when they were added. */
export function redisKeys<Base extends Constructor<RedisCore>>(base: Base) {
  return class RedisKeys extends base implements KeyStore {
    addKey(key: PublicKeyRecord): Promise<boolean> {
      return this.use(async () => {
        const { fingerprint, nick, type, blob, comment, addedAt } = key;
        const json = JSON.stringify({ fingerprint, nick, type, blob, comment, addedAt });
        const keys = [this.key(`ssh-key:${fingerprint}`), this.key(`ssh-keys:${nickKey(nick)}`)];
        return asInteger(await this.client.eval(ADD_KEY, 2, ...keys, json, addedAt, fingerprint), 'addKey') === 1;
      });
    }

    listKeys(nick: string): Promise<PublicKeyRecord[]> {
      return this.use(async () => {
        const fingerprints = await this.client.zrange(this.key(`ssh-keys:${nickKey(nick)}`), 0, -1);
        if (fingerprints.length === 0) return [];
        const records = await this.client.mget(...fingerprints.map((fingerprint) => this.key(`ssh-key:${fingerprint}`)));
        return records.map((json) => parsed(json) as PublicKeyRecord | undefined).filter((record) => record !== undefined);
      });
    }

    findKey(fingerprint: string): Promise<PublicKeyRecord | undefined> {
      return this.use(async () => parsed(await this.client.get(this.key(`ssh-key:${fingerprint}`))) as PublicKeyRecord | undefined);
    }

    removeKey(nick: string, fingerprint: string): Promise<boolean> {
      return this.use(async () => {
        const keys = [this.key(`ssh-key:${fingerprint}`), this.key(`ssh-keys:${nickKey(nick)}`)];
        return asInteger(await this.client.eval(REMOVE_KEY, 2, ...keys, fingerprint), 'removeKey') === 1;
      });
    }
  };
}
