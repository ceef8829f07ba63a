import net from 'node:net';
import tls from 'node:tls';
import { StringDecoder } from 'node:string_decoder';
import { FILE_HEADER_PATTERN } from '../../lib/protocol/line/wire.js';

/** A download being read: the bytes after a `-- file` line, and the CRLF after them. */
interface Download {
  size: number;
  left: number;
  parts: Buffer[];
}

/** Output a terminal could act on: anything below space but the line end, DEL, and the C1 range. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
export const TERMINAL_CONTROL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

/**
 * A test's view of a user at a terminal: a real TCP connection that collects what the
 * server writes and lets the test wait for a line. Waits are bounded; a missing line
 * fails with what arrived instead.
 */
export class LineClient {
  private text = '';
  private readonly raw: Buffer[] = [];
  private readonly decoder = new StringDecoder('utf8');
  /** What came after the last `waitFor` match. Kept apart so a wait scans only this, not megabytes of history. */
  private rest = '';
  private waiters: (() => void)[] = [];
  /** The bytes of the line being received, to spot a file header when it ends. */
  private lineBytes: Buffer[] = [];
  private download: Download | undefined;
  /** Files received with /download, in order (an Error if one was not framed right); not part of the text. */
  private readonly files: (Buffer | Error)[] = [];
  private filesTaken = 0;
  closed = false;
  /** Who logged in on this connection with `login`. */
  nick: string | undefined;

  private constructor(readonly socket: net.Socket) {
    // Like a terminal, send each write at once: Nagle plus delayed ACKs would add 40 ms stalls.
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.raw.push(chunk);
      const text = this.decoder.write(this.withoutFiles(chunk));
      this.text += text;
      this.rest += text;
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /**
   * `allowHalfOpen` keeps the client's side open after the server ends: a peer that never
   * hangs up. `localAddress` connects from another loopback address (127.0.0.2 …), as
   * another machine would.
   */
  static connect(port: number, host = '127.0.0.1', options: { allowHalfOpen?: boolean; localAddress?: string } = {}): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host, allowHalfOpen: options.allowHalfOpen ?? false, localAddress: options.localAddress }, () => {
        resolve(new LineClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Connects over TLS, trusting `ca` (the test's self-signed certificate). */
  static connectTls(port: number, ca: Buffer, host = '127.0.0.1'): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ port, host, ca }, () => {
        resolve(new LineClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Connects and logs in with `/login`, returning once the catch-up has ended. */
  static async login(port: number, nick: string, password = 'pw'): Promise<LineClient> {
    const client = await LineClient.connect(port);
    client.nick = nick;
    client.write(`/login ${nick} ${password}`);
    await client.waitFor(/^-- welcome, /);
    await client.waitFor(/^-- (no unread messages|end of unread)/);
    return client;
  }

  /** Sends a line as nc does, ended with LF (a telnet terminal's CRLF: writeRaw). */
  write(line: string): void {
    this.socket.write(line + '\n');
  }

  /** Sends bytes exactly as given: telnet commands, partial lines, odd line ends. */
  writeRaw(data: Buffer | string): void {
    this.socket.write(data);
  }

  /** Waits for the next file sent after a `-- file <id> <name> <size>` line and returns its bytes. */
  async waitForFile(timeoutMs = 4000): Promise<Buffer> {
    await this.until(() => this.files.length > this.filesTaken, 'waiting for a downloaded file', timeoutMs);
    const file = this.files[this.filesTaken++];
    if (file === undefined || file instanceof Error) throw file ?? new Error('no file');
    return file;
  }

  /** Every byte received so far, undecoded (to check what was never sent, e.g. telnet commands). */
  get bytes(): Buffer {
    return Buffer.concat(this.raw);
  }

  /** Everything received so far, as lines (a trailing partial line, e.g. a prompt, included). */
  get all(): string {
    return this.text;
  }

  lines(): string[] {
    return this.text
      .replace(/(nickname: |password: )(?!\r\n)/g, '$1\r\n')
      .split('\r\n')
      .filter((l) => l !== '');
  }

  /** Lines received since the last `waitFor` match. */
  get unseen(): string {
    return this.rest;
  }

  /**
   * Waits for a line (or a prompt) matching `pattern` after the last match and returns it.
   * Lines before it are skipped.
   */
  async waitFor(pattern: RegExp, timeoutMs = 4000): Promise<string> {
    let found: string | undefined;
    await this.until(() => (found = this.find(pattern)) !== undefined, `waiting for ${String(pattern)}`, timeoutMs);
    return found ?? '';
  }

  /** Resolves when the server closes the connection. */
  async waitClosed(timeoutMs = 4000): Promise<void> {
    await this.until(() => this.closed, 'waiting for the server to close the connection', timeoutMs);
  }

  /** Waits, as data arrives, until `condition` holds; fails after `timeoutMs` or on close, with what arrived. */
  async until(condition: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (condition()) return;
      if (this.closed) throw new Error(`connection closed while ${what}; got:\n${this.unseen}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out ${what}; got:\n${this.unseen}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }

  /** The text of a chunk; the bytes announced by a file header go to `files` instead. */
  private withoutFiles(chunk: Buffer): Buffer {
    const text: Buffer[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      const download = this.download;
      if (download) {
        const take = Math.min(download.left, chunk.length - pos);
        download.parts.push(chunk.subarray(pos, pos + take));
        download.left -= take;
        pos += take;
        if (download.left === 0) this.endDownload(download);
        continue;
      }
      const newline = chunk.indexOf(0x0a, pos);
      const end = newline === -1 ? chunk.length : newline + 1;
      const piece = chunk.subarray(pos, end);
      text.push(piece);
      this.lineBytes.push(piece);
      pos = end;
      if (newline === -1) continue;
      const line = Buffer.concat(this.lineBytes).toString('utf8').replace(/\r?\n$/, '');
      this.lineBytes = [];
      const header = FILE_HEADER_PATTERN.exec(line);
      if (header) this.download = { size: Number(header[3]), left: Number(header[3]) + 2, parts: [] };
    }
    return Buffer.concat(text);
  }

  private endDownload(download: Download): void {
    this.download = undefined;
    const all = Buffer.concat(download.parts);
    const end = all.subarray(download.size).toString('latin1');
    this.files.push(end === '\r\n' ? all.subarray(0, download.size) : new Error(`a downloaded file must end with CRLF, got ${JSON.stringify(end)}`));
  }

  private find(pattern: RegExp): string | undefined {
    // Lines end with CRLF; a prompt ends without one and may have output glued after it
    // (no terminal echoed the answer), so a prompt is a segment of its own.
    const segmentPattern = /(?:nickname: |password: )(?!\r\n)|[^\r\n]*?(?:\r\n|$)/gy;
    while (segmentPattern.lastIndex < this.rest.length) {
      const match = segmentPattern.exec(this.rest);
      if (!match || match[0] === '') return undefined;
      const raw = match[0];
      const complete = raw.endsWith('\r\n') || raw.endsWith(': ');
      if (!complete) return undefined;
      const segment = raw.replace(/\r\n$/, '');
      if (pattern.test(segment)) {
        this.rest = this.rest.slice(segmentPattern.lastIndex);
        return segment;
      }
    }
    return undefined;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
