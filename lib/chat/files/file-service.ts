import type { ChatStore } from '../../store/chat-store.js';
import type { FileRecord, MessageRecord } from '../../store/records.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { formatSize } from '../../util/units.js';
import type { Messages } from '../messages.js';
import type { SendAttempt, SendGate } from '../moderation/send-gate.js';
import { FileVault } from './file-vault.js';
import { refuse } from '../refusals.js';

/** Where a file goes: a room, or a user privately. */
export type FileDestination = Pick<SendAttempt, 'route' | 'target'>;

/** The bytes of a file on their way in (lib/session/incoming-upload.ts). */
export interface IncomingFile {
  /** Writes them to `tempPath`; resolves once all are there, synced. */
  accept(tempPath: string): Promise<void>;
}

export interface FileServiceOptions {
  store: ChatStore;
  messages: Messages;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  /** Asked before a byte is stored: a banned user's file is refused at once. */
  senderCheck: SendGate;
}

/** An unfinished upload this old in a shared data directory is not being written by anyone. */
const STALE_UPLOAD_MS = 3_600_000;

/**
 * Files sent in the chat: the bytes in the vault (lib/chat/files/file-vault.ts), the record
 * in the store, and the message that announced it, whose lifetime and audience the file
 * shares: who can read the announcement can download the file, until it expires.
 */
export class FileService {
  private readonly vault: FileVault;

  constructor(private readonly options: FileServiceOptions) {
    this.vault = new FileVault(options.dataDir);
  }

  /**
   * At start-up: uploads cut off by the last stop can never complete. In a cluster, only old
   * ones are surely cut off: the others may be on their way to another server.
   */
  async sweep(shared: boolean): Promise<void> {
    await this.vault.sweepTemp(shared ? STALE_UPLOAD_MS : 0, this.options.clock.now());
  }

  /**
   * Takes a file from `from` to its destination: checked before a byte is stored, then
   * stored, then announced through the usual send path (so every rule about who may send
   * applies, and the #general rate limit counts it once); a refused announcement removes it.
   */
  async receive(from: string, destination: FileDestination, name: string, size: number, incoming: IncomingFile): Promise<{ id: string; message: MessageRecord }> {
    const { store, messages, clock, logger } = this.options;
    await this.options.senderCheck.check({ ...destination, from, at: clock.now() });
    const tempPath = await this.vault.tempPath();
    await incoming.accept(tempPath);
    const id = this.vault.newId();
    await this.vault.keep(tempPath, id);
    let message: MessageRecord;
    try {
      const text = `sent file ${id}: ${name} (${formatSize(size)}); /download ${id}`;
      const queued = destination.route === 'room' ? await messages.post(from, destination.target, text) : await messages.sendPrivate(from, destination.target, text);
      message = await queued.stored;
    } catch (error) {
      await this.vault.remove(id);
      throw error;
    }
    await store.addFile({ id, messageId: message.id, name, size, from, createdAt: message.createdAt });
    logger.info('file.upload', { id, from, route: destination.route, target: destination.target, size });
    return { id, message };
  }

  /**
   * A file `nick` may download, and where its bytes are. Files of rooms one is not in, of
   * other people's conversations, or whose announcement has expired, do not exist for them.
   */
  async find(nick: string, input: string): Promise<{ file: FileRecord; path: string }> {
    const { store, messages, logger } = this.options;
    const id = input.toLowerCase();
    const file = this.vault.isId(id) ? await store.getFile(id) : undefined;
    const message = file && (await store.getMessage(file.messageId));
    if (!file || !message || !messages.canSee(nick, message) || messages.isExpired(message)) {
      throw refuse.noSuchFile(id);
    }
    const path = this.vault.pathOf(file.id);
    if (!(await this.vault.has(file.id))) {
      // Its record is shared, but its bytes are on another server's disk: a cluster whose servers do not share --data-dir.
      logger.error('file.missing_on_disk', { id: file.id, path });
      throw refuse.fileUnavailable(id);
    }
    logger.info('file.download', { id: file.id, nick, size: file.size });
    return { file, path };
  }

  /** A file lives as long as the message that announced it: forgets the files of these expired messages, bytes and all. */
  async removeFilesOf(messageIds: readonly number[]): Promise<void> {
    for (const id of await this.options.store.removeFilesOf(messageIds)) await this.vault.remove(id);
  }
}
