import net from 'node:net';
import { splitLines, WholeLines } from './whole-lines.js';

/** A line without its colours (SGR sequences): a user who turned /color on gets them inside lines. */
export function withoutColour(line: string): string {
  // eslint-disable-next-line no-control-regex -- the escape character is what starts a colour
  return line.replace(/\x1b\[[0-9;]*m/g, '');
}

/** The line (without colours) that ends a login: the catch-up is over and live delivery has begun. */
export function isLoginDone(line: string): boolean {
  return line === '-- no unread messages' || line === '-- end of unread';
}

interface Waiter {
  test: (line: string) => boolean;
  resolve: (line: string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A client connection to the server on 127.0.0.1 that thinks in lines: for the sessions a
 * script watches (a canary, the users who exchange secrets, the senders of the kill -9
 * check), not for the fuzz traffic itself. Every wait is bounded.
 */
export class LineSocket {
  private readonly lines = new WholeLines();
  private readonly waiters = new Set<Waiter>();
  private isClosed = false;
  readonly closed: Promise<void>;

  private constructor(
    private readonly socket: net.Socket,
    private readonly onLine: (line: string) => void,
  ) {
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.isClosed = true;
        for (const waiter of this.waiters) this.settle(waiter, new Error('the connection closed'));
        resolve();
      });
    });
    // Resets and the like end up in 'close'; without a listener they would throw.
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      const run = this.lines.feed(chunk);
      if (run) for (const line of splitLines(run)) this.handle(line);
    });
  }

  /** Connects to the server; `onLine` sees every line received from then on. */
  static connect(port: number, onLine: (line: string) => void = () => undefined, timeoutMs = 10_000): Promise<LineSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`could not connect to 127.0.0.1:${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new LineSocket(socket, onLine));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  get open(): boolean {
    return !this.isClosed;
  }

  /** Bytes written but not yet taken by the kernel. */
  get pendingBytes(): number {
    return this.socket.writableLength;
  }

  write(data: string | Buffer): void {
    if (!this.isClosed) this.socket.write(data);
  }

  /** Resolves with the first line from now on that passes `test`; rejects after `timeoutMs` or on close. */
  waitFor(test: (line: string) => boolean, timeoutMs: number, what: string): Promise<string> {
    if (this.isClosed) return Promise.reject(new Error(`the connection closed before ${what}`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter, new Error(`no ${what} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Logs in (registering the nick if it is new); rejects on an ERROR line, a close or a timeout. */
  async login(nick: string, password: string, timeoutMs = 30_000): Promise<void> {
    const done = this.waitFor((line) => isLoginDone(line) || line.startsWith('ERROR '), timeoutMs, `login of ${nick}`);
    this.write(`/login ${nick} ${password}\r\n`);
    const line = await done;
    if (line.startsWith('ERROR ')) throw new Error(`login of ${nick} refused: ${line}`);
  }

  /** Sends a command and resolves with the first line that passes `test` (rejects on an ERROR line). */
  async command(text: string, test: (line: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const answer = this.waitFor((line) => test(line) || line.startsWith('ERROR '), timeoutMs, `an answer to ${text}`);
    this.write(`${text}\r\n`);
    const line = await answer;
    if (line.startsWith('ERROR ')) throw new Error(`${text}: ${line}`);
    return line;
  }

  close(): void {
    this.socket.destroy();
  }

  private handle(line: string): void {
    this.onLine(line);
    for (const waiter of this.waiters) {
      if (waiter.test(line)) this.settle(waiter, undefined, line);
    }
  }

  private settle(waiter: Waiter, error: Error | undefined, line = ''): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    if (error) waiter.reject(error);
    else waiter.resolve(line);
  }
}
