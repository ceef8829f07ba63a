import { nickKey } from '../collation.js';
import type { KeyStore, PublicKeyRecord } from '../key-store.js';
import type { Constructor } from '../mixin.js';
import type { MemoryTables } from './memory-tables.js';

/** MemoryStore's SSH public keys, by fingerprint. */
export function memoryKeys<Base extends Constructor<MemoryTables>>(base: Base) {
  return class MemoryKeys extends base implements KeyStore {
    private readonly keys = new Map<string, PublicKeyRecord>();

    addKey(key: PublicKeyRecord): Promise<boolean> {
      return this.use(() => {
        if (this.keys.has(key.fingerprint)) return false;
        this.keys.set(key.fingerprint, { ...key });
        return true;
      });
    }

    listKeys(nick: string): Promise<PublicKeyRecord[]> {
      return this.use(() =>
        [...this.keys.values()]
          .filter((key) => nickKey(key.nick) === nickKey(nick))
          // Stable: keys added at the same moment stay in the order they were added.
          .sort((a, b) => a.addedAt - b.addedAt)
          .map((key) => ({ ...key })),
      );
    }

    findKey(fingerprint: string): Promise<PublicKeyRecord | undefined> {
      return this.use(() => {
        const key = this.keys.get(fingerprint);
        return key && { ...key };
      });
    }

    removeKey(nick: string, fingerprint: string): Promise<boolean> {
      return this.use(() => {
        const key = this.keys.get(fingerprint);
        if (!key || nickKey(key.nick) !== nickKey(nick)) return false;
        return this.keys.delete(fingerprint);
      });
    }
  };
}
