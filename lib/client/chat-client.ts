import net from 'node:net';
import readline from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import tls from 'node:tls';
import { CLIENT_EOL, EOL, INFO_PREFIX, LIMITS_PATTERN, NEW_NICK_PATTERN, NICK_PROMPT, PASSWORD_PROMPT } from '../protocol/line/wire.js';
import { silentLogger, type Logger } from '../util/logger.js';
import { DEFAULT_DOWNLOAD_DIR, DownloadReceiver } from './file-download.js';
import { UploadSender } from './file-upload.js';
import { SeenNames } from './completion-sources.js';
import { OwnQueries } from './own-queries.js';
import { PasswordTwice, isSecretPrompt } from './password-twice.js';
import { candidatesFor } from '../terminal/completion.js';
import { describeConnectError, hostPort } from './connect-errors.js';
import { MutableOutput, type ClientOutput } from './mutable-output.js';
import type { NickMemory } from './nick-memory.js';
import { LineSplitter, isSecretLine, nickFromWelcome, nickToOffer, promptOf, roomFromLine } from './server-text.js';

export type ClientInput = NodeJS.ReadableStream & { isTTY?: boolean };

export interface ChatClientOptions {
  host: string;
  port: number;
  input: ClientInput;
  output: ClientOutput;
  /** Line editing with a prompt; defaults to "input and output are both terminals". */
  terminal?: boolean;
  nickMemory?: NickMemory;
  /** Where /download saves files; default ./downloads. */
  downloadDir?: string;
  /** How long to wait for the server to hang up after we asked it to (stdin EOF, Ctrl+C). */
  closeGraceMs?: number;
  logger?: Logger;
  /** Connect over TLS (`--tls`): `ca` trusts a certificate such as a self-signed one; `insecure` skips the check. */
  tls?: { ca?: Buffer; insecure?: boolean };
  /** Ask the server for colour (`/color on`) once logged in, as chat-line does at a terminal. */
  colour?: boolean;
}

/** `error` is a one-line message for stderr, set when `code` is not 0. */
export interface ClientExit {
  code: number;
  error?: string;
}

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
  private readonly decoder = new StringDecoder('utf8');
  private socket: net.Socket | undefined;
  private rl: readline.Interface | undefined;
  private screen: MutableOutput | undefined;
  private uploads: UploadSender | undefined;
  private downloads: DownloadReceiver | undefined;
  private lastNick: string | undefined;
  /** Between the server's "is a new nick" and the welcome: the password is typed twice. */
  private registering = false;
  private readonly newPassword = new PasswordTwice();
  /** Nicks and rooms seen so far, for Tab. */
  private readonly names = new SeenNames();
  /** The room plain lines go to, as the server last said: shown in the prompt. */
  private room: string | undefined;
  /** `/color on` and `/limits`, sent by the client itself at a terminal once logged in. */
  private readonly ownQueries = new OwnQueries();
  /** A known server prompt (nickname or password) still waiting for the user's answer. */
  private serverPrompt = '';
  /** A CR at the end of a chunk may be half of a CRLF; held until the next chunk says. */
  private heldCarriageReturn = '';
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
  }

  /** Connects and relays until either side closes; never rejects. */
  run(): Promise<ClientExit> {
    if (this.settle) throw new Error('ChatClient.run() may only be called once');
    return new Promise((resolve) => {
      this.settle = resolve;
      this.lastNick = this.options.nickMemory?.recall();
      const secure = this.options.tls;
      const { host, port } = this.options;
      const socket: net.Socket = secure ? tls.connect({ host, port, ca: secure.ca, rejectUnauthorized: secure.insecure !== true }) : net.connect({ host, port });
      this.socket = socket;
      // Lines are typed one at a time; waiting to batch them (Nagle) only adds lag.
      socket.setNoDelay(true);
      // Over TLS, connected means the handshake (and the certificate check) succeeded.
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        this.onConnect();
      });
      this.uploads = new UploadSender(socket, (text) => {
        this.showNotice(text);
      });
      const downloads = new DownloadReceiver({
        dir: this.options.downloadDir ?? DEFAULT_DOWNLOAD_DIR,
        notice: (text) => {
          this.showNotice(text);
        },
        pause: () => socket.pause(),
        resume: () => socket.resume(),
      });
      this.downloads = downloads;
      socket.on('data', (chunk: Buffer) => {
        // File bytes after a `-- file` line go to disk; the rest is text.
        this.onServerText(this.decoder.write(downloads.push(chunk)));
      });
      socket.on('error', (error) => {
        this.failure = error;
      });
      socket.on('close', () => {
        downloads.connectionClosed();
        // A file still being written is finished before the client exits.
        void downloads.idle().then(() => {
          this.onClose();
        });
      });
    });
  }

  /** Ctrl+C: ask the server to say goodbye; a second Ctrl+C (or one before connecting) hangs up at once. */
  interrupt(): void {
    if (this.finished || !this.socket) return;
    // Mid-upload a /quit would be taken for file bytes: hang up instead.
    if (!this.connected || this.quitting || this.uploads?.uploading === true) {
      this.interruptedEarly = !this.connected;
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
      ...(this.terminal ? { completer: (line: string) => this.complete(line) } : {}),
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
    if (this.registering && this.screen?.muted === true) {
      const step = this.newPassword.typed(line);
      if ('ask' in step) {
        this.askLocally(step.ask, step.notice);
        return;
      }
    }
    this.uploads?.writeLine(line);
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
    const lines = this.splitter.push(text);
    // Saved before the line is shown, so whoever sees the welcome can rely on the nick being stored.
    for (const line of lines) {
      // A new nick's password is asked for twice at a terminal, until the welcome (or the nickname prompt again).
      if (NEW_NICK_PATTERN.test(line)) this.registering = this.terminal;
      else if (nickFromWelcome(line) !== undefined) this.registering = false;
      this.learnNick(line);
      this.room = roomFromLine(line) ?? this.room;
      this.names.learn(line);
    }
    if (!this.terminal) this.writePlain(text);
    const newPrompt = promptOf(this.splitter.partial);
    if (newPrompt !== undefined) {
      this.serverPrompt = newPrompt;
      if (newPrompt === NICK_PROMPT) this.registering = false;
      this.newPassword.reset();
      // A prompt is complete on its own; keeping it would glue it to the next server line.
      this.splitter.clearPartial();
    }
    if (this.terminal) this.showAbovePrompt(lines.filter((line) => !this.ownQueries.take(line)), newPrompt);
  }

  /** Pipe mode: output goes through as is, apart from CRLF becoming LF. */
  private writePlain(text: string): void {
    let chunk = this.heldCarriageReturn + text;
    this.heldCarriageReturn = '';
    if (chunk.endsWith('\r')) {
      chunk = chunk.slice(0, -1);
      this.heldCarriageReturn = '\r';
    }
    if (chunk) this.options.output.write(chunk.replace(/\r\n/g, '\n'));
  }

  /** A line from the client itself (where a download was saved), shown like the server's. */
  private showNotice(text: string): void {
    if (!this.finished) this.onServerText(`${INFO_PREFIX}${text}${EOL}`);
  }

  private learnNick(line: string): void {
    const nick = nickFromWelcome(line);
    if (nick === undefined) return;
    // Logged in: now the server can take the preference, and tell its limits (at a terminal: a pipe's output stays the server's own).
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
    if (this.uploads) this.uploads.maxFileBytes = Number(answer[1]);
  }

  /** Tab: commands, and the nicks and rooms seen so far; nothing at the password prompt. */
  private complete(line: string): [string[], string] {
    const word = /\S*$/.exec(line)?.[0] ?? '';
    if (this.screen?.muted === true) return [[], word];
    const candidates = candidatesFor(line.slice(0, line.length - word.length), word, this.names.sources());
    // One fit is completed with a blank after it, as shells do.
    return [candidates.length === 1 ? [`${candidates[0] ?? ''} `] : candidates, word];
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
    } else if (this.heldCarriageReturn) {
      out.write(this.heldCarriageReturn);
    }
    this.rl?.close();
  }
}
