import type net from 'node:net';
import readline from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { CLIENT_EOL, EOL, INFO_PREFIX, LIMITS_PATTERN, NEW_NICK_PATTERN, NICK_PROMPT, PASSWORD_PROMPT } from '../protocol/line/wire.js';
import { silentLogger, type Logger } from '../util/logger.js';
import type { UploadSender } from './file-upload.js';
import { SeenNames, completeLine } from './completion-sources.js';
import { OwnQueries } from './own-queries.js';
import { PasswordTwice, isSecretPrompt } from './password-twice.js';
import { describeConnectError, hostPort } from './connect-errors.js';
import { MutableOutput } from './mutable-output.js';
import type { ChatClientOptions, ClientExit } from './client-options.js';
import { Reconnector, isFinalGoodbye } from './reconnect.js';
import { openServerSocket } from './server-socket.js';
import { CrlfToLf, LineSplitter, isSecretLine, nickFromWelcome, nickToOffer, promptOf, roomFromLine } from './server-text.js';

/** Shown while the server is not asking anything in particular. */
export const DEFAULT_PROMPT = '> ';
const DEFAULT_CLOSE_GRACE_MS = 2000;
/** Conventional exit code for "stopped by Ctrl+C" (128 + SIGINT). */
const INTERRUPTED_CODE = 130;

export class ChatClient {
  private readonly terminal: boolean;
  private readonly closeGraceMs: number;
  private readonly logger: Logger;
  private readonly splitter = new LineSplitter();
  private decoder = new StringDecoder('utf8');
  private socket: net.Socket | undefined;
  private rl: readline.Interface | undefined;
  private screen: MutableOutput | undefined;
  private uploads: UploadSender | undefined;
  private lastNick: string | undefined;
  /** Between the server's "is a new nick" and the welcome: the password is typed twice. */
  private registering = false;
  private readonly newPassword = new PasswordTwice();
  /** Nicks and rooms seen so far, for Tab. */
  private readonly names = new SeenNames();
  /** The room plain lines go to, as the server last said: shown in the prompt. */
  private room: string | undefined;
  /** `/color on` and `/limits`, sent by the client itself at a terminal once logged in (anew on each connection). */
  private ownQueries = new OwnQueries();
  /** Coming back after a lost connection; undefined when the client does not (a pipe). */
  private readonly reconnector: Reconnector | undefined;
  /** Welcomed on the current connection (the only kind worth coming back to). */
  private loggedIn = false;
  /** The last line the server sent: a goodbye may say not to come back. */
  private lastLine: string | undefined;
  /** A known server prompt (nickname or password) still waiting for the user's answer. */
  private serverPrompt = '';
  /** Pipe mode: the server's lines with LF ends. */
  private readonly plain = new CrlfToLf();
  private connected = false;
  private quitting = false;
  private interruptedEarly = false;
  private failure: NodeJS.ErrnoException | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  private settle: ((exit: ClientExit) => void) | undefined;
  private finished = false;
  private readonly forwardResize = (): void => {
    this.screen?.emit('resize');
  };

  constructor(private readonly options: ChatClientOptions) {
    this.terminal = options.terminal ?? (options.input.isTTY === true && options.output.isTTY === true);
    this.closeGraceMs = options.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;
    this.logger = options.logger ?? silentLogger;
    if (options.reconnect ?? this.terminal) this.reconnector = new Reconnector(options.reconnectTimer, options.random);
  }

  /** Connects and relays until either side closes; never rejects. */
  run(): Promise<ClientExit> {
    if (this.settle) throw new Error('ChatClient.run() may only be called once');
    return new Promise((resolve) => {
      this.settle = resolve;
      this.lastNick = this.options.nickMemory?.recall();
      this.openConnection();
    });
  }

  /** A new connection to the server, first or again; everything read from the last one is left behind. */
  private openConnection(): void {
    this.connected = false;
    this.loggedIn = false;
    this.failure = undefined;
    this.decoder = new StringDecoder('utf8');
    this.splitter.clearPartial();
    this.ownQueries = new OwnQueries();
    const { socket, uploads } = openServerSocket(this.options, {
      connected: () => {
        this.onConnect();
      },
      received: (bytes) => {
        this.onServerText(this.decoder.write(bytes));
      },
      notice: (text) => {
        this.showNotice(text);
      },
      error: (error) => {
        this.failure = error;
      },
      closed: () => {
        this.onClose();
      },
    });
    this.socket = socket;
    this.uploads = uploads;
  }

  /** Ctrl+C: ask the server to say goodbye; a second Ctrl+C (or one before connecting) hangs up at once. */
  interrupt(): void {
    if (this.finished || !this.socket) return;
    if (this.reconnector?.waiting === true) {
      this.stopRetrying({ code: INTERRUPTED_CODE });
      return;
    }
    // Mid-upload a /quit would be taken for file bytes: hang up instead.
    if (!this.connected || this.quitting || this.uploads?.uploading === true) {
      this.interruptedEarly = !this.connected;
      this.quitting = true;
      this.socket.destroy();
      return;
    }
    this.quitting = true;
    // At the password prompt the server would take `/quit` as a (wrong) password; just hang up.
    if (this.serverPrompt === PASSWORD_PROMPT) this.socket.end();
    else this.socket.write('/quit' + CLIENT_EOL);
    this.startGrace();
  }

  private onConnect(): void {
    this.connected = true;
    this.logger.debug('client.connected', { host: this.options.host, port: this.options.port });
    if (this.rl) {
      // Back after a lost connection: the line being typed is still there; log in again.
      const login = this.reconnector?.loginAgain();
      if (login !== undefined) this.socket?.write(login + CLIENT_EOL);
      return;
    }
    const { input, output } = this.options;
    if (this.terminal) {
      this.screen = new MutableOutput(output);
      output.on('resize', this.forwardResize);
    }
    const rl = readline.createInterface({
      input,
      output: this.screen,
      terminal: this.terminal,
      crlfDelay: Infinity,
      prompt: DEFAULT_PROMPT,
      // Tab: commands, and the nicks and rooms seen so far; nothing at the password prompt.
      ...(this.terminal ? { completer: (line: string) => (this.screen?.muted === true ? [[], line] : completeLine(line, this.names.sources())) } : {}),
    });
    this.rl = rl;
    rl.on('line', (line) => {
      this.onUserLine(line);
    });
    rl.on('close', () => {
      this.onInputEnd();
    });
    if (this.terminal) {
      // In raw mode Ctrl+C reaches readline, not the process.
      rl.on('SIGINT', () => {
        this.interrupt();
      });
      rl.on('history', (history) => {
        if (this.screen?.muted === true || isSecretLine(history[0])) history.shift();
      });
      // No prompt yet: the first is drawn below the server's greeting, once it has come.
    }
  }

  private onUserLine(line: string): void {
    if (this.finished || !this.socket) return;
    if (this.reconnector?.waiting === true || this.reconnector?.autoLogin === true) {
      // Not sent: given back to be sent once the client is back.
      this.showNotice('not connected: your line was not sent; it is back at the prompt');
      this.rl?.write(line);
      return;
    }
    if (this.registering && this.screen?.muted === true) {
      const step = this.newPassword.typed(line);
      if ('ask' in step) {
        this.askLocally(step.ask, step.notice);
        return;
      }
    }
    this.uploads?.writeLine(line);
    this.reconnector?.login.sent(line, this.serverPrompt);
    // Whatever the server was asking has now been answered.
    this.serverPrompt = '';
    const { rl, screen } = this;
    if (!this.terminal || !rl || !screen) return;
    if (screen.muted) {
      screen.muted = false;
      // readline's own line end was muted along with the password.
      this.options.output.write('\n');
    }
    // An unfinished server line shown as the prompt has been answered on that screen line too.
    this.splitter.clearPartial();
    rl.setPrompt(this.chatPrompt());
    rl.prompt();
  }

  /** A prompt of the client's own (the password again), in place of the server's. */
  private askLocally(prompt: string, notice: string | undefined): void {
    this.options.output.write('\n');
    this.serverPrompt = prompt;
    this.showAbovePrompt(notice === undefined ? [] : [`${INFO_PREFIX}${notice}`], undefined);
  }

  private onServerText(text: string): void {
    const autoLogin = this.reconnector?.autoLogin === true;
    const received = this.splitter.push(text);
    const lines = this.reconnector ? this.reconnector.shown(received) : received;
    // Saved before the line is shown, so whoever sees the welcome can rely on the nick being stored.
    for (const line of lines) {
      // A new nick's password is asked for twice at a terminal, until the welcome (or the nickname prompt again).
      if (NEW_NICK_PATTERN.test(line)) this.registering = this.terminal;
      else if (nickFromWelcome(line) !== undefined) this.registering = false;
      this.learnNick(line);
      this.room = roomFromLine(line) ?? this.room;
      this.names.learn(line);
    }
    // A pipe gets the server's text as it is, with LF line ends.
    const plain = this.terminal ? '' : this.plain.convert(text);
    if (plain) this.options.output.write(plain);
    this.lastLine = lines[lines.length - 1] ?? this.lastLine;
    // The server's nickname prompt, answered already by the `/login` sent again.
    const newPrompt = autoLogin ? undefined : promptOf(this.splitter.partial);
    if (autoLogin && promptOf(this.splitter.partial) !== undefined) this.splitter.clearPartial();
    if (newPrompt !== undefined) {
      this.serverPrompt = newPrompt;
      if (newPrompt === NICK_PROMPT) this.registering = false;
      this.newPassword.reset();
      // A prompt is complete on its own; keeping it would glue it to the next server line.
      this.splitter.clearPartial();
    }
    if (this.terminal) this.showAbovePrompt(lines.filter((line) => !this.ownQueries.take(line)), newPrompt);
  }

  /** A line from the client itself (where a download was saved), shown like the server's. */
  private showNotice(text: string): void {
    if (!this.finished) this.onServerText(`${INFO_PREFIX}${text}${EOL}`);
  }

  private learnNick(line: string): void {
    const nick = nickFromWelcome(line);
    if (nick === undefined) return;
    this.loggedIn = true;
    this.reconnector?.welcomed(nick);
    // Logged in: now the server can take the preference, and tell its limits (at a terminal: a pipe's output stays the server's own).
    if (this.terminal && !this.ownQueries.hasAsked()) this.uploads?.expectLimits();
    this.ownQueries.askOnce((command) => this.socket?.write(command + CLIENT_EOL), [
      ...(this.options.colour === true ? [{ command: '/color on', answer: /^-- colour is on\b/ }] : []),
      ...(this.terminal ? [{ command: '/limits', answer: LIMITS_PATTERN, onAnswer: (match: RegExpExecArray) => { this.learnLimits(match); } }] : []),
    ]);
    this.lastNick = nick;
    try {
      this.options.nickMemory?.remember(nick);
    } catch (error) {
      this.logger.warn('client.nick_not_saved', { reason: error instanceof Error ? error.message : String(error) });
    }
  }

  private learnLimits(answer: RegExpExecArray): void {
    this.uploads?.learnMaxFileBytes(Number(answer[1]));
  }

  /** `#general> ` once the server has said which room plain lines go to. */
  private chatPrompt(): string {
    return this.room === undefined ? DEFAULT_PROMPT : `#${this.room}${DEFAULT_PROMPT}`;
  }

  /** Prints server lines above the line being typed, then redraws the prompt and the partial input. */
  private showAbovePrompt(lines: string[], newPrompt: string | undefined): void {
    const { rl, screen } = this;
    if (!rl || !screen) return;
    const out = this.options.output;
    const rows = this.clearInputArea();
    for (const line of lines) out.write(line + '\n');
    // An unfinished server line is shown as the prompt until the rest of it arrives.
    const prompt = this.splitter.partial || this.serverPrompt || this.chatPrompt();
    rl.setPrompt(prompt);
    screen.muted = isSecretPrompt(prompt);
    if (screen.muted) {
      out.write(prompt);
    } else {
      // prompt(true) first moves up as many rows as the input used to span; give it those rows back.
      out.write('\n'.repeat(rows));
      rl.prompt(true);
    }
    const offer = newPrompt === undefined ? undefined : nickToOffer(newPrompt, this.lastNick);
    if (offer !== undefined && rl.line === '') rl.write(offer);
  }

  /** Erases the prompt and typed text (which may wrap over several rows); returns how many rows up it began. */
  private clearInputArea(): number {
    const { rl, screen } = this;
    if (!rl || !screen) return 0;
    const out = this.options.output;
    const rows = screen.muted ? 0 : rl.getCursorPos().rows;
    readline.moveCursor(out, 0, -rows);
    readline.cursorTo(out, 0);
    readline.clearScreenDown(out);
    return rows;
  }

  private onInputEnd(): void {
    if (this.finished || !this.socket) return;
    if (this.reconnector?.waiting === true) {
      this.stopRetrying({ code: 0 });
      return;
    }
    this.logger.debug('client.input_ended');
    this.quitting = true;
    const socket = this.socket;
    // end() sends what is still queued before the FIN, so piped input is not cut short;
    // an upload still being read from disk goes first.
    void (this.uploads?.idle() ?? Promise.resolve()).then(() => {
      socket.end();
      this.startGrace();
    });
  }

  private startGrace(): void {
    if (this.graceTimer) return;
    this.graceTimer = setTimeout(() => {
      this.socket?.destroy();
    }, this.closeGraceMs);
  }

  private onClose(): void {
    const host = this.options.host;
    const port = this.options.port;
    if (this.reconnector && this.shouldReconnect()) {
      this.retryLater(this.reconnector);
      return;
    }
    if (!this.connected) {
      if (this.interruptedEarly) this.finish({ code: INTERRUPTED_CODE });
      else this.finish({ code: 1, error: describeConnectError(host, port, this.failure ?? new Error('closed')) });
    } else if (this.failure && !this.quitting) {
      const code = this.failure.code ?? this.failure.message;
      this.finish({ code: 1, error: `chat-line: connection to ${hostPort(host, port)} lost (${code})` });
    } else {
      this.finish({ code: 0 });
    }
  }

  /** After a connection that had logged in was lost (and not by a goodbye that means it), or an attempt to get it back failed. */
  private shouldReconnect(): boolean {
    const reconnector = this.reconnector;
    if (!reconnector || this.quitting || this.finished || reconnector.login.loginLine() === undefined) return false;
    return reconnector.retrying || (this.loggedIn && !isFinalGoodbye(this.lastLine));
  }

  private retryLater(reconnector: Reconnector): void {
    const reason = this.failure?.code ?? this.failure?.message ?? 'closed by the server';
    const ms = reconnector.later(() => {
      this.openConnection();
    });
    this.logger.info('client.reconnect_wait', { ms, reason });
    this.showNotice(`connection lost (${reason}); reconnecting in ${Math.ceil(ms / 1000)} s (Ctrl+C to stop)`);
    this.lastLine = undefined;
  }

  private stopRetrying(exit: ClientExit): void {
    this.reconnector?.stop();
    this.finish(exit);
  }

  private finish(exit: ClientExit): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.graceTimer);
    this.logger.debug('client.closed', { code: exit.code });
    const tail = this.decoder.end();
    if (tail) this.onServerText(tail);
    this.restoreTerminal();
    this.settle?.(exit);
  }

  private restoreTerminal(): void {
    const out = this.options.output;
    if (this.terminal && this.screen) {
      this.clearInputArea();
      const unfinished = this.splitter.partial;
      if (unfinished) out.write(unfinished + '\n');
      this.screen.muted = false;
      out.off('resize', this.forwardResize);
    } else {
      const held = this.plain.flush();
      if (held) out.write(held);
    }
    this.rl?.close();
  }
}
