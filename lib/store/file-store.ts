import type { FileRecord } from './records.js';

/** What is known about sent files (their bytes are on disk, not in the store). */
export interface FileStore {
  /** Records a stored file; its id must be new. */
  addFile(file: FileRecord): Promise<void>;
  getFile(id: string): Promise<FileRecord | undefined>;
  /** Forgets the files these messages announced (they expired); returns the files' ids. */
  removeFilesOf(messageIds: readonly number[]): Promise<string[]>;
}
