import type { FileStore } from '../file-store.js';
import type { Constructor } from '../mixin.js';
import type { FileRecord } from '../records.js';
import { execReplies, parsed } from './redis-codec.js';
import type { RedisCore } from './redis-core.js';

/** RedisStore's records of sent files: `file:<id>` each, and `files-of:<messageId>` for expiry. */
export function redisFiles<Base extends Constructor<RedisCore>>(base: Base) {
  return class RedisFiles extends base implements FileStore {
    addFile(file: FileRecord): Promise<void> {
      return this.use(async () => {
        const { id, messageId, name, size, from, createdAt } = file;
        const json = JSON.stringify({ id, messageId, name, size, from, createdAt });
        if ((await this.client.set(this.key(`file:${id}`), json, 'NX')) === null) throw new Error(`file id ${id} is taken`);
        await this.client.sadd(this.key(`files-of:${messageId}`), id);
      });
    }

    getFile(id: string): Promise<FileRecord | undefined> {
      return this.use(async () => parsed(await this.client.get(this.key(`file:${id}`))) as FileRecord | undefined);
    }

    removeFilesOf(messageIds: readonly number[]): Promise<string[]> {
      return this.use(async () => {
        const removed: string[] = [];
        for (const messageId of messageIds) {
          const setKey = this.key(`files-of:${messageId}`);
          const ids = await this.client.smembers(setKey);
          if (ids.length === 0) continue;
          execReplies(await this.client.multi().del(...ids.map((id) => this.key(`file:${id}`)), setKey).exec(), 'removeFilesOf');
          removed.push(...ids);
        }
        return removed;
      });
    }
  };
}
