import type { Constructor } from '../mixin.js';
import type { FileStore } from '../file-store.js';
import type { FileRecord } from '../records.js';
import type { MemoryTables } from './memory-tables.js';

/** MemoryStore's records of sent files. */
export function memoryFiles<Base extends Constructor<MemoryTables>>(base: Base) {
  return class MemoryFiles extends base implements FileStore {
    addFile(file: FileRecord): Promise<void> {
      return this.use(() => {
        if (this.files.has(file.id)) throw new Error(`file id ${file.id} is taken`);
        this.files.set(file.id, { ...file });
      });
    }

    getFile(id: string): Promise<FileRecord | undefined> {
      return this.use(() => {
        const file = this.files.get(id);
        return file && { ...file };
      });
    }

    removeFilesOf(messageIds: readonly number[]): Promise<string[]> {
      return this.use(() => {
        const announced = new Set(messageIds);
        const ids = [...this.files.values()].filter((file) => announced.has(file.messageId)).map((file) => file.id);
        for (const id of ids) this.files.delete(id);
        return ids;
      });
    }
  };
}
