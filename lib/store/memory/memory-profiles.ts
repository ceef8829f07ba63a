import type { Constructor } from '../mixin.js';
import type { MuteRecord, ProfileStore } from '../profile-store.js';
import { compareStrings, nickKey } from '../collation.js';
import { entryOf, type MemoryTables } from './memory-tables.js';

/** MemoryStore's passwords, ignore lists, preferences, mutes and server settings. */
export function memoryProfiles<Base extends Constructor<MemoryTables>>(base: Base) {
  return class MemoryProfiles extends base implements ProfileStore {
    setPasswordHash(nick: string, passwordHash: string): Promise<boolean> {
      return this.use(() => {
        const user = this.users.get(nickKey(nick));
        if (user) user.passwordHash = passwordHash;
        return user !== undefined;
      });
    }

    listIgnores(nick: string): Promise<string[]> {
      return this.use(() =>
        [...(this.ignores.get(nickKey(nick))?.entries() ?? [])].sort(([a], [b]) => compareStrings(a, b)).map(([, given]) => given),
      );
    }

    addIgnore(nick: string, ignored: string): Promise<boolean> {
      return this.use(() => {
        const list = entryOf(this.ignores, nickKey(nick));
        if (list.has(nickKey(ignored))) return false;
        list.set(nickKey(ignored), ignored);
        return true;
      });
    }

    removeIgnore(nick: string, ignored: string): Promise<boolean> {
      return this.use(() => this.ignores.get(nickKey(nick))?.delete(nickKey(ignored)) ?? false);
    }

    getPreference(nick: string, key: string): Promise<string | undefined> {
      return this.use(() => this.preferences.get(nickKey(nick))?.get(key));
    }

    setPreference(nick: string, key: string, value: string): Promise<void> {
      return this.use(() => {
        entryOf(this.preferences, nickKey(nick)).set(key, value);
      });
    }

    listMutes(): Promise<MuteRecord[]> {
      return this.use(() => [...this.mutes.values()].map((mute) => ({ ...mute })));
    }

    saveMute(mute: MuteRecord): Promise<void> {
      return this.use(() => {
        this.mutes.set(nickKey(mute.nick), { ...mute });
      });
    }

    deleteMute(nick: string): Promise<boolean> {
      return this.use(() => this.mutes.delete(nickKey(nick)));
    }

    getSetting(key: string): Promise<string | undefined> {
      return this.use(() => this.settings.get(key));
    }

    setSetting(key: string, value: string | null): Promise<void> {
      return this.use(() => {
        if (value === null) this.settings.delete(key);
        else this.settings.set(key, value);
      });
    }

    setSettingIfAbsent(key: string, value: string): Promise<string> {
      return this.use(() => {
        const stored = this.settings.get(key) ?? value;
        this.settings.set(key, stored);
        return stored;
      });
    }
  };
}
