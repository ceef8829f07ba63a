import net from 'node:net';
import { epochMs, type PayloadParser, type ProtocolAdapter } from '../protocol.js';
import type { ClientSpec } from '../worker-api.js';

/** What a client reports to its worker once it is logged in. */
export interface ClientEvents {
  /** A payload arrived; `parser` holds it until the next line. */
  payload(client: BenchClient, parser: PayloadParser, receivedAt: number): void;
  /** Any other line after login; `text` decodes it (only called when wanted). */
  otherLine(client: BenchClient, text: () => string): void;
  /** A received chunk has been handled (closed-loop senders top up their window here). */
  chunkDone(client: BenchClient): void;
  /** The connection closed although nobody asked for it. */
  dropped(client: BenchClient): void;
}

type State = 'connecting' | 'login' | 'joining' | 'ready' | 'closed';

const LF = 0x0a;
const CR = 0x0d;
/** A line longer than this means the stream is not what we think it is. */
const MAX_PARTIAL_BYTES = 1024 * 1024;

/**
 * All clients of a worker read into this one buffer (net's `onread` option): no Buffer and
 * no stream 'data' event per read. Received bytes are handled before the callback returns,
 * and a partial last line is copied out, so sharing it is safe.
 */
const receiveBuffer = Buffer.alloc(256 * 1024);

/**
 * One simulated user: a socket, the login (and room join) conversation, then every
 * received line handed to the worker. Lines are found in the raw buffers and payloads
 * parsed in place, because at high rates receiving is the generator's main cost.
 */
export class BenchClient {
  private socket: net.Socket | undefined;
  private state: State = 'connecting';
  private partial: Buffer | undefined;
  private closing = false;
  private settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private retry: NodeJS.Timeout | undefined;
  /** Logins refused for a busy server and tried again. */
  busyRefusals = 0;

  constructor(
    readonly spec: ClientSpec,
    readonly adapter: ProtocolAdapter,
    private readonly parser: PayloadParser,
    private readonly events: ClientEvents,
  ) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Bytes written but not yet taken by the kernel: a sign the server stopped reading. */
  get pendingBytes(): number {
    return this.socket?.writableLength ?? 0;
  }

  /** Connects, logs in and joins the spec's room; rejects on error, refusal or timeout. */
  open(port: number, timeoutMs: number): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    const timer = setTimeout(() => {
      this.fail(new Error(`login of ${this.spec.nick} timed out after ${timeoutMs} ms (state ${this.state})`));
    }, timeoutMs);
    const socket = net.connect({
      port,
      host: '127.0.0.1',
      ...(this.spec.from === undefined ? {} : { localAddress: this.spec.from }),
      // Messages are small and latency is what we measure: no Nagle delay on either side.
      noDelay: true,
      onread: {
        buffer: receiveBuffer,
        callback: (bytes: number, buffer: Uint8Array) => {
          this.onData(Buffer.from(buffer.buffer, buffer.byteOffset, bytes));
          return true;
        },
      },
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.state = 'login';
      socket.write(this.adapter.loginText(this.spec.nick, this.spec.password));
    });
    socket.on('error', (error) => {
      this.fail(error);
    });
    socket.on('close', () => {
      const wasReady = this.state === 'ready';
      this.state = 'closed';
      this.fail(new Error('connection closed during login'));
      if (wasReady && !this.closing) this.events.dropped(this);
    });
    return done.finally(() => {
      clearTimeout(timer);
      clearTimeout(this.retry);
    });
  }

  write(text: string): void {
    if (this.state === 'ready') this.socket?.write(text);
  }

  close(): void {
    this.closing = true;
    this.state = 'closed';
    this.socket?.destroy();
  }

  private loggedIn(): void {
    const rooms = this.adapter.rooms;
    if (this.spec.room !== undefined && rooms) {
      this.state = 'joining';
      this.socket?.write(rooms.joinText(this.spec.room));
      return;
    }
    this.becomeReady();
  }

  private becomeReady(): void {
    this.state = 'ready';
    this.settle?.resolve();
    this.settle = undefined;
  }

  private fail(error: Error): void {
    if (!this.settle) return;
    this.settle.reject(error);
    this.settle = undefined;
    this.close();
  }

  /** `chunk` lives in the shared receive buffer: everything needed later is copied. */
  private onData(chunk: Buffer): void {
    // One clock read per chunk: every line in it arrived at the same moment.
    const receivedAt = epochMs();
    let start = 0;
    if (this.partial) {
      // Complete the partial line on its own, rather than copying the whole chunk behind it.
      const lf = chunk.indexOf(LF);
      const head = lf === -1 ? chunk : chunk.subarray(0, lf + 1);
      const line = Buffer.concat([this.partial, head]);
      this.partial = undefined;
      if (lf === -1) {
        this.keepPartial(line, 0);
        return;
      }
      this.onLines(line, 0, receivedAt);
      start = lf + 1;
    }
    start = this.onLines(chunk, start, receivedAt);
    if (start < chunk.length) this.keepPartial(chunk, start);
    if (this.state === 'ready') this.events.chunkDone(this);
  }

  /** Handles every complete line from `start`; returns where the unfinished rest begins. */
  private onLines(buf: Buffer, start: number, receivedAt: number): number {
    let from = start;
    for (let lf = buf.indexOf(LF, from); lf !== -1; lf = buf.indexOf(LF, from)) {
      const end = lf > from && buf[lf - 1] === CR ? lf - 1 : lf;
      this.onLine(buf, from, end, receivedAt);
      from = lf + 1;
    }
    return from;
  }

  private keepPartial(buf: Buffer, start: number): void {
    if (buf.length - start > MAX_PARTIAL_BYTES) {
      this.fail(new Error(`${this.spec.nick} got a line longer than ${MAX_PARTIAL_BYTES} bytes`));
      return;
    }
    this.partial = Buffer.from(buf.subarray(start));
  }

  private onLine(buf: Buffer, start: number, end: number, receivedAt: number): void {
    switch (this.state) {
      case 'ready':
        if (!this.spec.measure) return;
        if (this.parser.parse(buf, start, end)) this.events.payload(this, this.parser, receivedAt);
        else this.events.otherLine(this, () => buf.toString('utf8', start, end));
        return;
      case 'login':
      case 'joining':
        this.onSetupLine(buf.toString('utf8', start, end));
        return;
      default:
        return;
    }
  }

  /** Lines before `ready`: greeting, prompts, catch-up, join replies. Only the last one matters. */
  private onSetupLine(line: string): void {
    const retryMs = this.state === 'login' ? this.adapter.busyRetryMs?.(line) : undefined;
    if (retryMs !== undefined) {
      this.busyRefusals++;
      // As a person would, a little after the time said: not all at the same moment.
      this.retry = setTimeout(() => {
        if (this.state === 'login') this.socket?.write(this.adapter.loginText(this.spec.nick, this.spec.password));
      }, retryMs + Math.random() * 1000);
      return;
    }
    if (this.adapter.isError(line)) {
      this.fail(new Error(`${this.spec.nick}: ${line}`));
      return;
    }
    if (this.state === 'login' && this.adapter.isLoginDone(line)) {
      this.loggedIn();
      return;
    }
    if (this.state === 'joining' && this.spec.room !== undefined && this.adapter.rooms?.isJoinDone(line, this.spec.room)) {
      this.becomeReady();
    }
  }
}
