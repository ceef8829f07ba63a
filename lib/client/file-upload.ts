import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CLIENT_EOL } from '../protocol/line/wire.js';
import { formatSize } from '../util/units.js';

/** `/upload <path> [#room|@nick]` as typed in chat-line (the server's form takes name and size instead). */
export interface UploadCommand {
  path: string;
  /** `#room` or `@nick`; undefined: the current room. */
  target: string | undefined;
}

/**
 * The user's `/upload` line, or undefined if the line is something else. A path may contain
 * spaces, and may be written as for a shell: in quotes, or with a backslash before a space.
 */
export function parseUploadCommand(line: string): UploadCommand | undefined {
  const match = /^\/upload\s+(.+?)(?:\s+([#@]\S+))?\s*$/i.exec(line.trim());
  if (!match?.[1]) return undefined;
  return { path: expandHome(unquote(match[1])), target: match[2] };
}

function unquote(file: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(file);
  if (quoted) return quoted[2] ?? '';
  return file.replace(/\\ /g, ' ');
}

function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file;
}

/**
 * The name sent for a local file: its base name, with a leading # or @ changed so the
 * server does not take it for a target.
 */
export function uploadName(file: string): string {
  return path.basename(file).replace(/^[#@]/, '_').replace(/\s+/g, ' ');
}

/** How long an upload waits for the server's answer to `/limits` (an older server gives none). */
const LIMITS_WAIT_MS = 3000;

/**
 * Writes what the user types to the socket, turning `/upload <path>` into the wire form:
 * the line `/upload [target] <name> <size>` and then the file's bytes, streamed with
 * backpressure. Lines typed meanwhile wait, so nothing gets between a file's bytes.
 */
export class UploadSender {
  /** The server's limit, once it has said it (`/limits`): a larger file is not sent at all. */
  private maxFileBytes: number | undefined;
  /** Settles once the limits asked for are known (or were waited for long enough). */
  private limits: Promise<void> = Promise.resolve();
  private limitsKnown: (() => void) | undefined;
  private busy: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly socket: Writable,
    /** Tells the user something (an upload that could not start). */
    private readonly notice: (text: string) => void,
  ) {}

  /**
   * The client has asked the server for its limits: an upload typed before the answer came
   * (right after logging in) waits for it, at most LIMITS_WAIT_MS, rather than send a file
   * the server will refuse.
   */
  expectLimits(): void {
    this.limits = new Promise((resolve) => {
      this.limitsKnown = resolve;
      setTimeout(resolve, LIMITS_WAIT_MS).unref();
    });
  }

  /** The largest file the server takes, as `/limits` said. */
  learnMaxFileBytes(bytes: number): void {
    this.maxFileBytes = bytes;
    this.limitsKnown?.();
  }

  /** True while an upload is being written. */
  get uploading(): boolean {
    return this.pending > 0;
  }

  /** Sends one typed line (or the file it names), after anything still being uploaded. */
  writeLine(line: string): void {
    const upload = parseUploadCommand(line);
    if (!upload && this.pending === 0) {
      this.socket.write(line + CLIENT_EOL);
      return;
    }
    this.pending++;
    this.busy = this.busy
      .then(() => (upload ? this.send(upload) : void this.socket.write(line + CLIENT_EOL)))
      .finally(() => {
        this.pending--;
      });
  }

  /** Resolves once everything typed so far has been written. */
  idle(): Promise<void> {
    return this.busy;
  }

  private async send(upload: UploadCommand): Promise<void> {
    let file: fs.promises.FileHandle;
    let size: number;
    try {
      file = await fs.promises.open(upload.path, 'r');
      const stat = await file.stat();
      if (!stat.isFile()) {
        await file.close();
        throw new Error('not a regular file');
      }
      size = stat.size;
      await this.limits;
      if (this.maxFileBytes !== undefined && size > this.maxFileBytes) {
        await file.close();
        throw new Error(`${formatSize(size)} (${size} bytes) is over the server's limit of ${formatSize(this.maxFileBytes)} (${this.maxFileBytes} bytes)`);
      }
    } catch (error) {
      this.notice(`cannot upload ${upload.path}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const target = upload.target === undefined ? '' : `${upload.target} `;
    this.socket.write(`/upload ${target}${uploadName(upload.path)} ${size}${CLIENT_EOL}`);
    if (size === 0) {
      await file.close();
      return;
    }
    try {
      // Exactly `size` bytes, even if the file grows meanwhile; the socket stays open.
      await pipeline(file.createReadStream({ start: 0, end: Math.max(0, size - 1), autoClose: true }), this.socket, { end: false });
    } catch (error) {
      this.notice(`upload of ${upload.path} failed: ${error instanceof Error ? error.message : String(error)}`);
      // The server is waiting for bytes that will not come: only a new connection helps.
      this.socket.destroy();
    }
  }
}
