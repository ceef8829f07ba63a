import type { Constructor } from '../mixin.js';
import type { MuteRecord, ProfileStore } from '../profile-store.js';
import { compareStrings, nickKey } from '../collation.js';
import type { RedisCore } from './redis-core.js';

/** RedisStore's passwords, ignore lists, preferences, mutes and server settings. */
export function redisProfiles<Base extends Constructor<RedisCore>>(base: Base) {
  return class RedisProfiles extends base implements ProfileStore {
    setPasswordHash(nick: string, passwordHash: string): Promise<boolean> {
      return this.use(async () => {
        const key = this.key(`user:${nickKey(nick)}`);
        // Check, then set: users are never deleted, so one that exists stays.
        if ((await this.client.hexists(key, 'passwordHash')) === 0) return false;
        await this.client.hset(key, 'passwordHash', passwordHash);
        return true;
      });
    }

    listIgnores(nick: string): Promise<string[]> {
      // Same order as the other stores: by folded nick.
      return this.use(async () =>
        Object.entries(await this.client.hgetall(this.key(`ignores:${nickKey(nick)}`)))
          .sort(([a], [b]) => compareStrings(a, b))
          .map(([, given]) => given),
      );
    }

    addIgnore(nick: string, ignored: string): Promise<boolean> {
      return this.use(async () => (await this.client.hsetnx(this.key(`ignores:${nickKey(nick)}`), nickKey(ignored), ignored)) === 1);
    }

    removeIgnore(nick: string, ignored: string): Promise<boolean> {
      return this.use(async () => (await this.client.hdel(this.key(`ignores:${nickKey(nick)}`), nickKey(ignored))) === 1);
    }

    getPreference(nick: string, key: string): Promise<string | undefined> {
      return this.use(async () => (await this.client.hget(this.key(`prefs:${nickKey(nick)}`), key)) ?? undefined);
    }

    setPreference(nick: string, key: string, value: string): Promise<void> {
      return this.use(async () => {
        await this.client.hset(this.key(`prefs:${nickKey(nick)}`), key, value);
      });
    }

    listMutes(): Promise<MuteRecord[]> {
      return this.use(async () =>
        (await this.jsonByNick<MuteRecord>('mutes')).map(({ nick, until, by, createdAt }) => ({ nick, until, by, createdAt })),
      );
    }

    saveMute(mute: MuteRecord): Promise<void> {
      return this.use(async () => {
        // A new mute replaces the old one whole, the nick's display form included.
        const { nick, until, by, createdAt } = mute;
        await this.client.hset(this.key('mutes'), nickKey(nick), JSON.stringify({ nick, until, by, createdAt } satisfies MuteRecord));
      });
    }

    deleteMute(nick: string): Promise<boolean> {
      return this.use(async () => (await this.client.hdel(this.key('mutes'), nickKey(nick))) === 1);
    }

    getSetting(key: string): Promise<string | undefined> {
      return this.use(async () => (await this.client.hget(this.key('settings'), key)) ?? undefined);
    }

    setSetting(key: string, value: string | null): Promise<void> {
      return this.use(async () => {
        if (value === null) await this.client.hdel(this.key('settings'), key);
        else await this.client.hset(this.key('settings'), key, value);
      });
    }

    setSettingIfAbsent(key: string, value: string): Promise<string> {
      return this.use(async () => {
        // HSETNX then HGET in one MULTI: every server reads the value that won.
        const replies = await this.client.multi().hsetnx(this.key('settings'), key, value).hget(this.key('settings'), key).exec();
        const stored = replies?.[1]?.[1];
        if (typeof stored !== 'string') throw new Error(`setSettingIfAbsent: unexpected reply ${JSON.stringify(replies)}`);
        return stored;
      });
    }
  };
}
