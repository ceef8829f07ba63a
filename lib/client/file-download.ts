import fs from 'node:fs';
import path from 'node:path';
import { cleanFileName } from '../chat/files/file-name.js';
import { FILE_HEADER_PATTERN } from '../protocol/line/wire.js';
import { makeDirectorySync } from '../util/make-directory.js';

export const DEFAULT_DOWNLOAD_DIR = 'downloads';

/** How many `name-N.ext` to try before giving up on a free name. */
const MAX_SUFFIX = 9999;

export interface DownloadReceiverOptions {
  dir: string;
  /** Tells the user where a file was saved (or why it was not). */
  notice(text: string): void;
  /** The disk is behind: stop reading from the server for now. */
  pause(): void;
  resume(): void;
}

/** A file being received: its bytes so far are in `out`. */
interface Incoming {
  name: string;
  size: number;
  left: number;
  out: fs.WriteStream | undefined;
  file: string | undefined;
}

/**
 * Sits between the socket and the text decoder. After a `-- file <id> <name> <size>` line
 * the next <size> bytes (and the CRLF after them) are a file: they go to a new file under
 * `dir`, never over an existing one, and the user is told the path. Everything else
 * passes through as text.
 */
export class DownloadReceiver {
  private incoming: Incoming | undefined;
  /** Bytes of the CRLF after a file still to skip. */
  private trailer = 0;
  /** The line being received, to spot a header when it ends. */
  private line: Buffer[] = [];
  /** Files still being written to disk. */
  private readonly saving = new Set<Promise<void>>();

  constructor(private readonly options: DownloadReceiverOptions) {}

  /** Resolves once every file received so far is on disk (before the client exits). */
  async idle(): Promise<void> {
    while (this.saving.size > 0) await Promise.all(this.saving);
  }

  /** Takes what the server sent; returns the part that is text. */
  push(chunk: Buffer): Buffer {
    const text: Buffer[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (this.incoming) {
        pos = this.fileBytes(this.incoming, chunk, pos);
        continue;
      }
      if (this.trailer > 0) {
        if (chunk[pos] === (this.trailer === 2 ? 0x0d : 0x0a)) pos++;
        this.trailer--;
        continue;
      }
      const newline = chunk.indexOf(0x0a, pos);
      const end = newline === -1 ? chunk.length : newline + 1;
      const piece = chunk.subarray(pos, end);
      text.push(piece);
      this.line.push(piece);
      pos = end;
      if (newline !== -1) this.lineEnded();
    }
    return text.length === 1 ? (text[0] as Buffer) : Buffer.concat(text);
  }

  private lineEnded(): void {
    const line = Buffer.concat(this.line).toString('utf8').replace(/\r?\n$/, '');
    this.line = [];
    const header = FILE_HEADER_PATTERN.exec(line);
    if (!header?.[2] || header[3] === undefined) return;
    const size = Number(header[3]);
    const incoming: Incoming = { name: header[2], size, left: size, out: undefined, file: undefined };
    try {
      const { file, fd } = openUnique(this.options.dir, header[2]);
      incoming.file = file;
      incoming.out = fs.createWriteStream('', { fd, flush: true });
      incoming.out.on('drain', () => {
        this.options.resume();
      });
      incoming.out.on('error', (error) => {
        this.options.notice(`could not save ${incoming.name}: ${error.message}`);
      });
    } catch (error) {
      // The bytes must still be read past, or they would be shown as text.
      this.options.notice(`could not save ${incoming.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.incoming = incoming;
    if (size === 0) this.finish(incoming);
  }

  /**
   * The connection ended. A file still short of its size (the server was cut off during a
   * shutdown, or the network went) is removed, and the user told, rather than left looking whole.
   */
  connectionClosed(): void {
    const incoming = this.incoming;
    if (!incoming) return;
    this.incoming = undefined;
    const got = incoming.size - incoming.left;
    this.options.notice(`download of ${incoming.name} cut short: ${got} of ${incoming.size} bytes came before the connection closed; nothing was saved`);
    const { out, file } = incoming;
    if (!out || file === undefined) return;
    const removed = new Promise<void>((resolve) => {
      const remove = (): void => {
        fs.rm(file, { force: true }, () => {
          resolve();
        });
      };
      if (out.closed) {
        remove();
        return;
      }
      out.once('close', remove);
      out.destroy();
    });
    this.saving.add(removed);
    void removed.then(() => this.saving.delete(removed));
  }

  private fileBytes(incoming: Incoming, chunk: Buffer, pos: number): number {
    const take = Math.min(incoming.left, chunk.length - pos);
    incoming.left -= take;
    if (incoming.out?.write(chunk.subarray(pos, pos + take)) === false) this.options.pause();
    if (incoming.left === 0) this.finish(incoming);
    return pos + take;
  }

  private finish(incoming: Incoming): void {
    this.incoming = undefined;
    this.trailer = 2;
    const { out, file } = incoming;
    if (!out || file === undefined) return;
    const saved = new Promise<void>((resolve) => {
      out.on('close', () => {
        // Paused for a write that had to wait: an ending stream may not say 'drain'. (If
        // the next file's buffer is full, its next write pauses again.)
        this.options.resume();
        resolve();
      });
      out.end(() => {
        this.options.notice(`saved ${incoming.name} to ${file}`);
      });
    });
    this.saving.add(saved);
    void saved.then(() => this.saving.delete(saved));
  }
}

/**
 * Creates a new file for `name` in `dir` (made if missing): `name`, else `name-1.ext`,
 * `name-2.ext`... Never opens an existing file, even if one appears meanwhile.
 */
export function openUnique(dir: string, name: string): { file: string; fd: number } {
  makeDirectorySync(dir);
  // The server cleans names too, but a client trusts no path it is sent.
  const safe = (cleanFileName(name) ?? 'download').replace(/^\.+/, '_');
  const ext = path.extname(safe);
  const stem = safe.slice(0, safe.length - ext.length) || safe;
  for (let n = 0; n <= MAX_SUFFIX; n++) {
    const file = path.join(dir, n === 0 ? safe : `${stem}-${n}${ext}`);
    try {
      return { file, fd: fs.openSync(file, 'wx') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`no free name for ${safe} in ${dir}`);
}
