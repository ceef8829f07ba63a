import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { makeDirectory } from '../../util/make-directory.js';

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 8;
const ID_PATTERN = /^[0-9a-z]{8}$/;

/**
 * Where the bytes of sent files live: `<dataDir>/files/<id>`, written first to
 * `<dataDir>/files/tmp/` and renamed into place only when complete, so a file under its id
 * is always whole. What is known about a file (name, size, who may read it) is in the store.
 */
export class FileVault {
  readonly dir: string;
  readonly tmpDir: string;

  constructor(dataDir: string) {
    this.dir = path.join(path.resolve(dataDir), 'files');
    this.tmpDir = path.join(this.dir, 'tmp');
  }

  /** A new random id: 8 characters of [0-9a-z], short to type, not to be guessed in sequence. */
  newId(): string {
    return Array.from({ length: ID_LENGTH }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
  }

  isId(text: string): boolean {
    return ID_PATTERN.test(text);
  }

  pathOf(id: string): string {
    return path.join(this.dir, id);
  }

  /** A fresh path for an upload in progress (the directory is created if needed). */
  async tempPath(): Promise<string> {
    await makeDirectory(this.tmpDir);
    return path.join(this.tmpDir, `${randomUUID()}.part`);
  }

  /** Moves a complete upload into place under its id. */
  async keep(tempPath: string, id: string): Promise<void> {
    await fs.rename(tempPath, this.pathOf(id));
  }

  /** Whether the bytes of file `id` are here (in a cluster, only if the servers share the data directory). */
  async has(id: string): Promise<boolean> {
    return fs.access(this.pathOf(id)).then(
      () => true,
      () => false,
    );
  }

  async remove(id: string): Promise<void> {
    await fs.rm(this.pathOf(id), { force: true });
  }

  /**
   * At start-up: uploads that were in progress when the server stopped can never complete.
   * With `olderThanMs`, only those untouched for that long go (a data directory shared by
   * several servers holds the uploads the others are receiving now).
   */
  async sweepTemp(olderThanMs = 0, now = Date.now()): Promise<void> {
    if (olderThanMs <= 0) {
      await fs.rm(this.tmpDir, { recursive: true, force: true });
      return;
    }
    const names = await fs.readdir(this.tmpDir).catch(() => []);
    for (const name of names) {
      const file = path.join(this.tmpDir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtimeMs < now - olderThanMs) await fs.rm(file, { force: true });
    }
  }
}
