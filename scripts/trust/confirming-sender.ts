import { LineSocket } from './line-socket.js';

/** What one sender did in one round. */
export interface SenderTally {
  sent: string[];
  confirmed: Set<string>;
}

/**
 * A user who posts unique messages to a room of their own as fast as the server takes
 * them, with at most `window` unconfirmed at a time. A message is confirmed when its echo
 * comes back: the server shows a message to anyone, the sender included, only once it is
 * committed, so a confirmed message must survive a crash.
 */
export class ConfirmingSender {
  readonly tally: SenderTally = { sent: [], confirmed: new Set() };
  private readonly pending = new Set<string>();
  private sending = false;
  private topUpQueued = false;
  private readonly echo: RegExp;

  private constructor(
    private readonly socket: LineSocket,
    private readonly nick: string,
    /** Prefix of this sender's texts in this round, e.g. `k9 r2 s7`. */
    private readonly prefix: string,
    private readonly window: number,
  ) {
    this.echo = new RegExp(`<${nick}> (${prefix} n\\d+)$`);
  }

  /** Connects, logs in (registering the first time) and joins `room`. */
  static async open(port: number, nick: string, password: string, room: string, prefix: string, window: number): Promise<ConfirmingSender> {
    // Lines come from the moment of connecting; the sender exists only once logged in.
    const reader: { sender?: ConfirmingSender } = {};
    const socket = await LineSocket.connect(port, (line) => {
      reader.sender?.onLine(line);
    });
    try {
      await socket.login(nick, password);
      await socket.command(`/chats ${room}`, (line) => line === `-- now talking in #${room}`);
    } catch (error) {
      socket.close();
      throw error;
    }
    reader.sender = new ConfirmingSender(socket, nick, prefix, window);
    return reader.sender;
  }

  /** Starts posting; it goes on until the connection closes (the server is killed) or `stop()`. */
  start(): void {
    this.sending = true;
    this.topUp();
  }

  stop(): void {
    this.sending = false;
    this.socket.close();
  }

  get closed(): Promise<void> {
    return this.socket.closed;
  }

  private onLine(line: string): void {
    const text = this.echo.exec(line)?.[1];
    if (text === undefined || !this.pending.delete(text)) return;
    this.tally.confirmed.add(text);
    // Top up once per received chunk (its lines are handled in one go), in one write.
    if (!this.topUpQueued) {
      this.topUpQueued = true;
      queueMicrotask(() => {
        this.topUpQueued = false;
        this.topUp();
      });
    }
  }

  private topUp(): void {
    if (!this.sending || !this.socket.open) return;
    let batch = '';
    while (this.pending.size < this.window) {
      const text = `${this.prefix} n${this.tally.sent.length}`;
      this.tally.sent.push(text);
      this.pending.add(text);
      batch += `${text}\r\n`;
    }
    if (batch !== '') this.socket.write(batch);
  }
}
