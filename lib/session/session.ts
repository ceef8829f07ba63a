import type { Duplex } from 'node:stream';
import type { Accounts } from '../auth/accounts.js';
import type { CommandContext, CommandSpec } from '../commands/command.js';
import { dispatchLine } from '../commands/dispatch.js';
import type { ServerConfig } from '../config.js';
import { VERSION } from '../config.js';
import type { ChatHub } from '../hub/chat-hub.js';
import type { ChatRules } from '../rules/chat-rules.js';
import type { HubSession, OnlineUser } from '../hub/hub-session.js';
import { ChatError, errorLine } from '../protocol/errors.js';
import { infoLine } from '../protocol/format.js';
import { LineFramer } from '../protocol/line-framer.js';
import { DEFAULT_ROOM } from '../protocol/names.js';
import { TelnetNegotiation, WILL_ECHO, WONT_ECHO } from '../protocol/telnet.js';
import { EOL, welcomeLine } from '../protocol/wire.js';
import type { UserRecord } from '../store/records.js';
import type { Clock, Timer } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { catchUpLines, historyLines, standingLines } from './catch-up.js';
import { FloodControl, MAX_DELAYED_LINES } from './flood-control.js';
import type { FlushScheduler } from './flush-scheduler.js';
import { IdleWatch } from './idle-watch.js';
import { LoginFlow } from './login-flow.js';
import { OutputQueue } from './output-queue.js';

export interface SessionDeps {
  hub: ChatHub;
  rules: ChatRules;
  accounts: Accounts;
  commands: ReadonlyMap<string, CommandSpec>;
  config: ServerConfig;
  logger: Logger;
  clock: Clock;
  flusher: FlushScheduler;
  onClosed(session: Session): void;
}

/** `127.0.0.1:5000` → `127.0.0.1`, `[::1]:5000` or `::1:5000` → `::1`. */
export function hostOf(address: string): string {
  return address.replace(/^\[?(.*?)\]?:\d+$/, '$1');
}

/** Input lines waiting beyond this pause reading from the socket until they are handled. */
const MAX_PENDING_LINES = 64;

/** How long a closed connection may take to read its last output and hang up before it is cut. */
export const CLOSE_GRACE_MS = 2000;

/**
 * One connection: bytes in through the line framer, lines handled one at a time (so a
 * user's commands take effect in the order typed), output through a bounded queue.
 * Whatever goes wrong inside is contained here: at worst this session closes.
 */
export class Session implements HubSession {
  private readonly framer: LineFramer;
  private readonly output: OutputQueue;
  private readonly login: LoginFlow;
  private readonly lines: string[] = [];
  private processing = false;
  private closed = false;
  private loginTimer: Timer | undefined;
  private readonly idle: IdleWatch | undefined;
  private readonly flood: FloodControl | undefined;
  /** Set while the next line waits for its flood-control turn. */
  private lagTimer: Timer | undefined;
  private user: OnlineUser | undefined;
  private context: CommandContext | undefined;
  /** Live output held back while the catch-up is being written, so order is kept. */
  private held: Buffer[] | undefined;
  /** A prompt was the last thing written, without a line end. */
  private promptOpen = false;
  /** The client half-closed: once its pending lines are handled, the session ends. */
  private inputEnded = false;
  private readonly telnet = new TelnetNegotiation();
  /** We told a telnet client we echo (we don't): the password being typed stays hidden. */
  private echoHidden = false;

  constructor(
    readonly id: number,
    private readonly stream: Duplex,
    readonly address: string,
    private readonly deps: SessionDeps,
  ) {
    this.framer = new LineFramer(
      { maxLineBytes: deps.config.maxLineBytes },
      {
        line: (text) => {
          this.enqueueLine(text);
        },
        tooLong: (bytes) => {
          this.send(errorLine('LINE_TOO_LONG', `That line was ${bytes} bytes; the limit is ${deps.config.maxLineBytes}. It was not sent.`));
        },
        telnet: (command, option) => {
          const answer = option === undefined ? undefined : this.telnet.answer(command, option);
          if (answer) this.writeTelnet(answer);
        },
      },
    );
    this.output = new OutputQueue(stream, deps.flusher, deps.config.maxQueueBytes, (pending) => {
      deps.logger.warn('session.slow_consumer', { session: id, nick: this.nick, pendingBytes: pending });
      this.destroy('output queue full');
    });
    this.login = new LoginFlow(deps.accounts, {
      // Throttling counts per client host; the port changes with every connection.
      address: hostOf(address),
      maxFailures: deps.config.maxLoginFailures,
      send: (line) => {
        this.send(line);
      },
      prompt: (text, options) => {
        if (options?.secret && this.framer.isTelnet) {
          this.writeTelnet(WILL_ECHO);
          this.echoHidden = true;
        }
        this.write(Buffer.from(text));
        this.promptOpen = true;
      },
      endPrompt: () => {
        if (this.promptOpen) this.write(Buffer.from(EOL));
      },
      loggedIn: (user, created) => this.enterChat(user, created),
      close: (reason) => {
        this.close(reason);
      },
    });
    const { clock, config } = deps;
    if (config.floodRate > 0 && config.floodBurst > 0) {
      this.flood = new FloodControl(clock, { ratePerSecond: config.floodRate, burst: config.floodBurst });
    }
    if (config.idleTimeoutMs > 0) {
      this.idle = new IdleWatch(clock, config.idleTimeoutMs, () => {
        this.close(`no input for ${Math.round(config.idleTimeoutMs / 1000)} s; disconnected`);
      });
    }
    stream.on('data', (chunk: Buffer) => {
      this.framer.push(chunk);
    });
    stream.on('end', () => {
      // The client sent its last bytes (a script's `printf ... | nc`): finish its lines first.
      this.inputEnded = true;
      this.closeIfInputDone();
    });
    stream.on('close', () => {
      this.destroy('connection closed');
    });
    stream.on('error', (error) => {
      deps.logger.debug('session.socket_error', { session: id, error: error.message });
      this.destroy('socket error');
    });
  }

  isClosed(): boolean {
    return this.closed;
  }

  get currentRoom(): string {
    return this.context?.currentRoom ?? DEFAULT_ROOM;
  }

  get nick(): string | undefined {
    return this.user?.nick;
  }

  start(): void {
    this.deps.logger.info('session.connect', { session: this.id, address: this.address });
    this.loginTimer = this.deps.clock.setTimeout(() => {
      this.close('login timed out');
    }, this.deps.config.loginTimeoutMs);
    this.login.start(`chat-line ${VERSION}. Type a nickname to log in or register (or /login <nick> <password>).`);
  }

  // ---- output ---------------------------------------------------------------------

  send(line: string): void {
    this.write(Buffer.from(line + EOL));
  }

  sendEncoded(encoded: Buffer): void {
    if (this.held) this.held.push(encoded);
    else this.write(encoded);
  }

  private write(data: Buffer): void {
    this.promptOpen = false;
    if (!this.closed) this.output.push(data);
  }

  /** Negotiation bytes: not text, so an open prompt stays open. */
  private writeTelnet(data: Buffer): void {
    if (!this.closed) this.output.push(data);
  }

  /** After the hidden password line: the client echoes again, and the Enter it didn't echo is ours to write. */
  private showEcho(): void {
    if (!this.echoHidden) return;
    this.echoHidden = false;
    this.writeTelnet(WONT_ECHO);
    this.write(Buffer.from(EOL));
  }

  // ---- input ----------------------------------------------------------------------

  private enqueueLine(text: string): void {
    if (this.closed) return;
    this.idle?.touch();
    this.lines.push(text);
    if (this.flood && this.flood.delayedCount(this.lines.length) > MAX_DELAYED_LINES) {
      this.floodedOut();
      return;
    }
    if (this.lines.length >= MAX_PENDING_LINES) this.stream.pause();
    if (!this.processing && !this.lagTimer) void this.processLines();
  }

  private async processLines(): Promise<void> {
    this.processing = true;
    while (!this.closed && this.lines.length > 0) {
      const wait = this.flood?.delayFor() ?? 0;
      if (wait > 0) {
        // Fakelag: the line waits for its turn, and reading goes on so a flood is noticed.
        this.lagTimer = this.deps.clock.setTimeout(() => {
          this.lagTimer = undefined;
          void this.processLines();
        }, wait);
        break;
      }
      const line = this.lines.shift() ?? '';
      try {
        if (this.context) {
          await dispatchLine(this.context, line);
        } else {
          this.showEcho();
          await this.login.handle(line);
        }
      } catch (error) {
        this.report(error);
      }
      if (this.stream.isPaused() && this.lines.length < MAX_PENDING_LINES / 2) this.stream.resume();
    }
    this.processing = false;
    this.closeIfInputDone();
  }

  /** After a half-close, the session ends once every line the client sent is handled. */
  private closeIfInputDone(): void {
    if (this.inputEnded && !this.processing && !this.lagTimer && this.lines.length === 0) this.close('bye!');
  }

  private floodedOut(): void {
    const { config, logger } = this.deps;
    logger.warn('session.flood', { session: this.id, nick: this.nick, address: this.address, queued: this.lines.length });
    this.lines.length = 0;
    this.send(
      errorLine(
        'FLOODING',
        `More than ${MAX_DELAYED_LINES} lines were waiting their turn (after ${config.floodBurst} at once, ${config.floodRate} a second). Send fewer at a time.`,
      ),
    );
    this.close('disconnected for flooding');
  }

  private report(error: unknown): void {
    if (error instanceof ChatError) {
      this.send(errorLine(error.code, error.message));
      return;
    }
    this.deps.logger.error('session.command_failed', { session: this.id, nick: this.nick, error: error instanceof Error ? error.stack : String(error) });
    this.send(errorLine('STORAGE_FAILED', 'Something went wrong on the server; nothing was changed. Try again.'));
  }

  // ---- login ----------------------------------------------------------------------

  private async enterChat(record: UserRecord, created: boolean): Promise<void> {
    if (this.closed) return;
    if (this.loginTimer) this.deps.clock.clearTimeout(this.loginTimer);
    this.held = [];
    const { hub, config, logger } = this.deps;
    const { user, cutoffId } = await hub.attach(this, record);
    this.user = user;
    // The connection may have gone while we waited; destroy() could not detach it then.
    if (this.isClosed()) {
      await hub.detach(this, user);
      return;
    }
    logger.info('session.login', { session: this.id, nick: user.nick, address: this.address, registered: created });
    this.context = this.createContext(user);
    this.send(welcomeLine(user.nick, DEFAULT_ROOM));
    const startCursor = user.readCursor;
    try {
      const lines = [
        ...(await catchUpLines(hub, config, user.nick, startCursor, cutoffId)),
        ...(await standingLines(this.deps.rules, config, user.nick, hub.clock.now())),
      ];
      for (const line of lines) this.send(line);
    } finally {
      if (cutoffId > user.readCursor) user.readCursor = cutoffId;
      const held = this.held;
      this.held = undefined;
      for (const encoded of held) this.write(encoded);
    }
  }

  private createContext(user: OnlineUser): CommandContext {
    const { hub, rules, config, commands } = this.deps;
    return {
      hub,
      rules,
      config,
      user,
      nick: user.nick,
      currentRoom: DEFAULT_ROOM,
      commands,
      reply: (line) => {
        this.send(line);
      },
      info: (...texts) => {
        for (const text of texts) this.send(infoLine(text));
      },
      showHistory: async (room, limit) => {
        const messages = await hub.history(room, limit);
        for (const line of historyLines(room, messages, hub.clock.now())) this.send(line);
      },
      quit: (reason) => {
        this.close(reason);
      },
    };
  }

  // ---- closing --------------------------------------------------------------------

  /** Says goodbye, lets the output drain, then ends the connection. */
  close(reason: string): void {
    if (this.closed) return;
    this.send(infoLine(reason));
    this.output.flush();
    this.stream.end();
    // A client that neither reads the rest nor hangs up must not keep the connection (or a shutdown) waiting.
    const { clock } = this.deps;
    const cut = clock.setTimeout(() => this.stream.destroy(), CLOSE_GRACE_MS);
    cut.unref?.();
    this.stream.once('close', () => {
      clock.clearTimeout(cut);
    });
    this.destroy(reason);
  }

  /** Ends at once (client gone, stalled, or after close). Idempotent. */
  private destroy(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.loginTimer) this.deps.clock.clearTimeout(this.loginTimer);
    if (this.lagTimer) this.deps.clock.clearTimeout(this.lagTimer);
    this.idle?.stop();
    this.output.close();
    if (!this.stream.writableEnded) this.stream.destroy();
    this.deps.logger.info('session.disconnect', { session: this.id, nick: this.nick, reason });
    const user = this.user;
    if (user) {
      this.deps.hub.detach(this, user).catch((error: unknown) => {
        this.deps.logger.error('session.detach_failed', { session: this.id, error: String(error) });
      });
    }
    this.deps.onClosed(this);
  }
}
