import type { KnownTargets } from './known-targets.js';
import { LineSocket } from './line-socket.js';
import { waitUntil } from './timing.js';

export interface SecretUser {
  nick: string;
  password: string;
}

const TICK_MS = 250;
const FILE_EVERY = 40;
const COMMENT_EVERY = 10;
const DELIVERY_GRACE_MS = 5000;

/**
 * Two users who talk in private while the fuzz runs: private messages, messages in a
 * private room of theirs, comments on those, and files sent to the room and to each
 * other, all carrying the secret marker. They hand the ids of all of it (and a real join
 * link of the room) to the fuzzers, as if those had leaked: the server must still show
 * the secrets to nobody else. Each also checks that what the other sent reached it.
 */
export class SecretPair {
  sent = 0;
  delivered = 0;
  errorCount = 0;
  /** The first few ERROR lines either of them got: they only send what is valid. */
  readonly errors: string[] = [];
  private readonly undelivered = new Set<string>();
  private readonly recentIds: string[] = [];
  private readonly sockets: LineSocket[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private readonly tag: RegExp;

  constructor(
    private readonly users: readonly [SecretUser, SecretUser],
    private readonly room: string,
    private readonly marker: string,
    private readonly known: KnownTargets,
  ) {
    this.tag = new RegExp(`${marker}:([01]):(\\d+)`, 'g');
  }

  /** Logs both in, makes the private room (one owns it, invites the other) and starts talking. */
  async start(port: number): Promise<void> {
    for (const [index, user] of this.users.entries()) {
      const socket = await LineSocket.connect(port, (line) => {
        this.onLine(index, line);
      });
      this.sockets.push(socket);
      await socket.login(user.nick, user.password);
    }
    const [owner, guest] = this.sockets as [LineSocket, LineSocket];
    const joined = (line: string): boolean => line === `-- now talking in #${this.room}`;
    await owner.command(`/chats ${this.room} --private`, joined);
    await owner.command(`/invite ${this.room} ${this.users[1].nick}`, (line) => line.startsWith('-- invited '));
    await guest.command(`/chats ${this.room}`, joined);
    const link = await owner.command(`/link ${this.room}`, (line) => line.startsWith('-- chat://'));
    this.known.learnLink(link.slice(3));
    this.timer = setInterval(() => {
      this.tick();
    }, TICK_MS);
  }

  get connected(): boolean {
    return this.sockets.length === 2 && this.sockets.every((socket) => socket.open);
  }

  /** Messages one of them sent that the other has not received (yet). */
  get missing(): number {
    return this.undelivered.size;
  }

  /** Stops talking, gives the last messages time to arrive, and logs both out. */
  async finish(): Promise<void> {
    clearInterval(this.timer);
    await waitUntil(() => this.undelivered.size === 0 || !this.connected, DELIVERY_GRACE_MS);
    for (const socket of this.sockets) socket.close();
  }

  private tick(): void {
    if (!this.connected) return;
    this.ticks++;
    const from = this.ticks % 2;
    const to = 1 - from;
    const socket = this.sockets[from];
    const other = this.users[to];
    if (!socket || !other) return;
    socket.write(`/send ${other.nick} ${this.nextTag(from)} private\r\n`);
    socket.write(`${this.nextTag(from)} in the room\r\n`);
    const id = this.recentIds[this.recentIds.length - 1 - (this.ticks % Math.max(1, this.recentIds.length))];
    if (this.ticks % COMMENT_EVERY === 0 && id !== undefined) socket.write(`/comment ${id} ${this.nextTag(from)} comment\r\n`);
    if (this.ticks % FILE_EVERY === 0) {
      const target = this.ticks % (2 * FILE_EVERY) === 0 ? `#${this.room}` : `@${other.nick}`;
      const tag = this.nextTag(from);
      const content = Buffer.from(`${tag}\n`.repeat(8));
      socket.write(`/upload ${target} ${tag}.txt ${content.length}\r\n`);
      socket.write(content);
    }
  }

  /** A new unique text with the marker, expected to reach the other user. */
  private nextTag(from: number): string {
    const tag = `${this.marker}:${from}:${this.sent++}`;
    this.undelivered.add(tag);
    return tag;
  }

  private onLine(receiver: number, line: string): void {
    if (line.startsWith('ERROR ')) {
      this.errorCount++;
      if (this.errors.length < 5) this.errors.push(`${this.users[receiver]?.nick ?? '?'}: ${line}`);
      return;
    }
    if (!line.includes(this.marker)) return;
    for (const match of line.matchAll(this.tag)) {
      if (Number(match[1]) !== receiver && this.undelivered.delete(match[0])) this.delivered++;
    }
    // The first [id] on a message line is its own (a comment's quote comes after it).
    const id = / \[([0-9a-z]+)\] /.exec(line)?.[1];
    if (id !== undefined) {
      this.known.stealId(id);
      this.recentIds.push(id);
      if (this.recentIds.length > 32) this.recentIds.shift();
    }
    const file = /sent file ([0-9a-z]+):/.exec(line)?.[1];
    if (file !== undefined) this.known.stealFileId(file);
  }
}
