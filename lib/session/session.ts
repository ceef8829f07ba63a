import { open } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Accounts } from '../auth/accounts.js';
import type { CommandSpec } from '../commands/command.js';
import { dispatchLine } from '../commands/dispatch.js';
import type { ServerConfig } from '../config.js';
import { VERSION } from '../config.js';
import type { ChatHub } from '../chat/chat-hub.js';
import type { ChatRules } from '../chat/chat-rules.js';
import type { SessionPort, OnlineUser } from '../chat/session-port.js';
import { paintServerLine } from '../protocol/line/colour.js';
import { messageBytes, noticeBytes } from '../protocol/line/line-presenter.js';
import type { Delivery } from '../chat/delivery.js';
import type { NoticeDelivery } from '../chat/notice.js';
import { refusalOf } from '../chat/errors.js';
import { errorLine } from '../protocol/line/wire.js';
import { infoLine } from '../protocol/line/format.js';
import { LineFramer, type LineFramerHandlers } from '../protocol/line/line-framer.js';
import { DEFAULT_ROOM } from '../chat/names.js';
import { TelnetNegotiation, WILL_ECHO, WONT_ECHO } from '../protocol/line/telnet.js';
import { EOL, welcomeLine } from '../protocol/line/wire.js';
import type { UserRecord } from '../store/records.js';
import type { Clock, Timer } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { catchUpLines, standingLines } from '../protocol/line/catch-up.js';
import { copyFile, type RawSink } from './file-output.js';
import { FloodControl, MAX_DELAYED_LINES } from './flood-control.js';
import type { FlushScheduler } from './flush-scheduler.js';
import { IdleWatch } from './idle-watch.js';
import { LoginFlow } from '../protocol/line/login-flow.js';
import { OutputQueue, type OutputOwner } from './output-queue.js';
import { SessionContext, type ContextHost } from './session-context.js';
import { UploadIntake, type AnnouncedUpload, type UploadInput } from '../protocol/line/upload-intake.js';
import { MIN_UPLOAD_BYTES_PER_SECOND, type UploadStall } from './upload-watch.js';
import { formatSize } from '../util/units.js';

export interface SessionDeps {
  hub: ChatHub;
  rules: ChatRules;
  accounts: Accounts;
  commands: ReadonlyMap<string, CommandSpec>;
  config: ServerConfig;
  logger: Logger;
  clock: Clock;
  flusher: FlushScheduler;
  /** The session ended (its socket may still be draining its last output). */
  onClosed(session: Session): void;
  /** Its socket closed: after onClosed, once. */
  onDisconnected(session: Session): void;
}

/** `127.0.0.1:5000` → `127.0.0.1`, `[::1]:5000` or `::1:5000` → `::1`. */
export function hostOf(address: string): string {
  return address.replace(/^\[?(.*?)\]?:\d+$/, '$1');
}

/** The session each stream feeds: its listeners are shared functions, not closures per connection. */
const sessionOf = new WeakMap<Duplex, Session>();

/** Input lines waiting beyond this pause reading from the socket until they are handled. */
const MAX_PENDING_LINES = 64;
/**
 * Messages of one session being stored at once (see CommandSpec.pipelined). Bounds the
 * memory and the event-loop turn one fast sender can take.
 */
const MAX_UNFINISHED_SENDS = 64;

/** How long a closed connection may take to read its last output and hang up before it is cut. */
export const CLOSE_GRACE_MS = 2000;

/** After refusing an oversized upload, at most this much more input is read (and dropped) before hanging up. */
const LINGER_BYTES = 256 * 1024;

/** A line waiting to be handled, with the file bytes it announced if it is an upload. */
interface QueuedLine {
  text: string;
  upload: AnnouncedUpload | undefined;
}

/**
 * One connection: bytes in through the line framer, lines handled one at a time (so a
 * user's commands take effect in the order typed), output through a bounded queue.
 * Whatever goes wrong inside is contained here: at worst this session closes.
 */
export class Session implements SessionPort, ContextHost, LineFramerHandlers, UploadInput, OutputOwner {
  private readonly framer: LineFramer;
  private readonly output: OutputQueue;
  /** Until the user is in: then dropped, with the callbacks it holds (memory per idle connection counts). */
  private login: LoginFlow | undefined;
  private readonly uploads: UploadIntake;
  private readonly lines: QueuedLine[] = [];
  /** The upload announced by the line being handled. */
  private announced: AnnouncedUpload | undefined;
  /** Reasons not to read from the socket now (uploads waiting for their command or the disk). */
  private inputHolds = 0;
  /** After an upload over the size limit nothing more is read: its bytes are on their way. */
  private inputStopped = false;
  /** Output from elsewhere, held while a file is written to the socket. */
  private heldForFile: Buffer[] | undefined;
  private heldForFileBytes = 0;
  /** Asked to close while a file was going out: the reason, and the cut if the file takes too long. */
  private closeAfterFile: { reason: string; cut: Timer } | undefined;
  private processing = false;
  /** Sends handed to finishLater that are not stored yet; made with the first. */
  private unfinished: Set<Promise<void>> | undefined;
  private closed = false;
  private loginTimer: Timer | undefined;
  private readonly idle: IdleWatch | undefined;
  private readonly flood: FloodControl | undefined;
  /** Set while the next line waits for its flood-control turn. */
  private lagTimer: Timer | undefined;
  private user: OnlineUser | undefined;
  private context: SessionContext | undefined;
  /** Live output held back while the catch-up is being written, so order is kept. */
  private held: Buffer[] | undefined;
  /** A prompt was the last thing written, without a line end. */
  private promptOpen = false;
  /** The client half-closed: once its pending lines are handled, the session ends. */
  private inputEnded = false;
  /** Made when a client first negotiates: most connections never do (nc, chat-line). */
  private telnet: TelnetNegotiation | undefined;
  /** We told a telnet client we echo (we don't): the password being typed stays hidden. */
  private echoHidden = false;

  constructor(
    readonly id: number,
    private readonly stream: Duplex,
    readonly address: string,
    private readonly deps: SessionDeps,
  ) {
    // The session is the framer's, the upload intake's and the output queue's listener
    // itself: no closures per connection (W3 counts the bytes an idle connection holds).
    this.framer = new LineFramer({ maxLineBytes: deps.config.maxLineBytes }, this);
    this.uploads = new UploadIntake({ maxFileBytes: deps.config.maxFileBytes, stallMs: deps.config.uploadStallMs }, deps.clock, this.framer, this);
    this.output = new OutputQueue(stream, deps.flusher, deps.config.maxQueueBytes, this);
    this.login = new LoginFlow(deps.accounts, {
      // Throttling counts per client host; the port changes with every connection.
      address: hostOf(address),
      maxFailures: deps.config.maxLoginFailures,
      send: (line) => {
        this.send(line);
      },
      prompt: (text, options) => {
        if (options?.secret && (this.framer.isTelnet || this.framer.endsLinesWithCr)) {
          this.writeTelnet(WILL_ECHO);
          this.echoHidden = true;
        }
        this.write(Buffer.from(text));
        this.promptOpen = true;
      },
      endPrompt: () => {
        if (this.promptOpen) this.write(Buffer.from(EOL));
      },
      checking: (active) => {
        if (active) this.stopLoginTimer();
        else this.startLoginTimer();
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
    sessionOf.set(stream, this);
    /* eslint-disable @typescript-eslint/unbound-method -- an emitter calls its listeners with itself as `this`, which is what these expect */
    stream.on('data', Session.onStreamData);
    stream.on('end', Session.onStreamEnd);
    stream.on('close', Session.onStreamClose);
    stream.on('error', Session.onStreamError);
    /* eslint-enable @typescript-eslint/unbound-method */
  }

  // ---- stream events: shared listeners, `this` is the stream ------------------------

  private static readonly onStreamData = function (this: Duplex, chunk: Buffer): void {
    const session = sessionOf.get(this);
    if (session && !session.inputStopped) session.framer.push(chunk);
  };

  private static readonly onStreamEnd = function (this: Duplex): void {
    const session = sessionOf.get(this);
    if (!session) return;
    // The client sent its last bytes (a script's `printf ... | nc`): finish its lines first.
    session.inputEnded = true;
    // An upload still waiting for bytes will never get them.
    session.uploads.inputEnded();
    session.closeIfInputDone();
  };

  private static readonly onStreamClose = function (this: Duplex): void {
    const session = sessionOf.get(this);
    if (!session) return;
    sessionOf.delete(this);
    session.destroy('connection closed');
    session.deps.onDisconnected(session);
  };

  private static readonly onStreamError = function (this: Duplex, error: Error): void {
    const session = sessionOf.get(this);
    if (!session) return;
    session.deps.logger.debug('session.socket_error', { session: session.id, error: error.message });
    session.destroy('socket error');
  };

  // ---- framer, upload and output events --------------------------------------------

  /** A line ended (LineFramerHandlers); an upload line switches the framer to raw bytes before the next. */
  onLine(text: string): void {
    if (!this.inputStopped) this.enqueueLine(text, this.uploads.inspect(text));
  }

  /** Bytes of the upload being read (LineFramerHandlers); they are activity as much as lines are. */
  onRaw(bytes: Buffer): void {
    this.idle?.touch();
    this.uploads.raw(bytes);
  }

  onRawEnd(): void {
    this.uploads.rawEnd();
  }

  onTooLong(bytes: number): void {
    const max = this.deps.config.maxLineBytes;
    this.send(errorLine('LINE_TOO_LONG', `That line was ${bytes} bytes; the limit is ${max}. It was not sent.`));
  }

  onTelnet(command: number, option: number | undefined): void {
    const answer = option === undefined ? undefined : (this.telnet ??= new TelnetNegotiation()).answer(command, option);
    if (answer) this.writeTelnet(answer);
  }

  /** An upload cannot take more bytes now (UploadInput); holds count. */
  holdInput(): void {
    this.inputHolds++;
    this.stream.pause();
  }

  releaseInput(): void {
    this.inputHolds--;
    if (this.inputHolds === 0 && this.lines.length < MAX_PENDING_LINES / 2 && !this.closed) this.stream.resume();
  }

  /** An upload over the size limit: never released, the connection is closed once the error is out (UploadInput). */
  stopInput(): void {
    this.inputStopped = true;
    this.holdInput();
  }

  inputHeld(): boolean {
    return this.inputHolds > 0;
  }

  /** The upload was abandoned (UploadInput): the rest of its bytes cannot be told from lines, so the connection ends. */
  uploadStalled(reason: UploadStall): void {
    const seconds = Math.round(this.deps.config.uploadStallMs / 1000);
    this.deps.logger.warn('upload.stalled', { session: this.id, nick: this.nick, reason });
    const why =
      reason === 'stalled'
        ? `No byte of the file came for ${seconds} s`
        : `The file came slower than ${formatSize(MIN_UPLOAD_BYTES_PER_SECOND)} a second`;
    this.send(errorLine('UPLOAD_STALLED', `${why}; the upload was abandoned and nothing was kept. Send it again.`));
    this.close('connection closed: the upload stalled');
  }

  /** The client stopped reading and its output passed the limit (OutputOwner). */
  onOutputOverflow(pendingBytes: number): void {
    this.deps.logger.warn('session.slow_consumer', { session: this.id, nick: this.nick, pendingBytes });
    this.destroy('output queue full');
  }

  /** The file bytes the line being handled announced, if it is an `/upload` line with a size (ContextHost). */
  announcedUpload(): AnnouncedUpload | undefined {
    return this.announced;
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
    this.startLoginTimer();
    this.login?.start(`chat-line ${VERSION}. Type a nickname to log in or register (or /login <nick> <password>).`);
  }

  /** (Re)starts the time a client has to finish logging in. */
  private startLoginTimer(): void {
    this.stopLoginTimer();
    if (this.closed) return;
    this.loginTimer = this.deps.clock.setTimeout(() => {
      this.close('login timed out');
    }, this.deps.config.loginTimeoutMs);
  }

  private stopLoginTimer(): void {
    if (this.loginTimer) this.deps.clock.clearTimeout(this.loginTimer);
    this.loginTimer = undefined;
  }

  // ---- output ---------------------------------------------------------------------

  send(line: string): void {
    this.write(Buffer.from((this.user?.color === true ? paintServerLine(line) : line) + EOL));
  }

  // ---- what the chat core hands over (SessionPort) ---------------------------------

  deliver(delivery: Delivery, mentioned: boolean): void {
    const colour = this.user?.color === true;
    this.sendEncoded(messageBytes(delivery, colour, mentioned, mentioned && this.currentRoom !== delivery.message.room));
  }

  notify(notice: NoticeDelivery): void {
    this.sendEncoded(noticeBytes(notice, this.user?.color === true));
  }

  disconnect(by: string): void {
    this.close(`you were disconnected by ${by} (operator)`);
  }

  /** Bytes shared with other sessions: held back while the catch-up is written, so order is kept. */
  private sendEncoded(encoded: Buffer): void {
    if (this.held) this.held.push(encoded);
    else this.write(encoded);
  }

  private write(data: Buffer): void {
    this.promptOpen = false;
    if (this.heldForFile) {
      this.holdForFile(data);
      return;
    }
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

  // ---- files out --------------------------------------------------------------------

  /**
   * `header`, then exactly `size` bytes of the file, then a line end, written straight to
   * the socket with backpressure; what else comes for this session meanwhile waits.
   */
  async sendFile(header: string, filePath: string, size: number): Promise<void> {
    const file = await open(filePath, 'r');
    try {
      await this.drainOutput();
      this.heldForFile = [];
      const isClosed = (): boolean => this.closed || this.stream.destroyed;
      const sink: RawSink = {
        get closed() {
          return isClosed();
        },
        write: (bytes) => this.stream.write(bytes),
        drained: () => this.drained(),
      };
      sink.write(Buffer.from(header + EOL));
      await copyFile(file, size, sink);
      sink.write(Buffer.from(EOL));
    } catch (error) {
      if (this.closed || this.stream.destroyed) {
        // The client hung up mid-file: its own doing, nothing went wrong here.
        this.deps.logger.info('file.download_cut', { session: this.id, nick: this.nick, reason: error instanceof Error ? error.message : String(error) });
        return;
      }
      // Part of a file is on the wire: the client can no longer tell bytes from lines.
      this.destroy('file transfer failed');
      throw error;
    } finally {
      await file.close();
      const held = this.heldForFile ?? [];
      this.heldForFile = undefined;
      this.heldForFileBytes = 0;
      for (const data of held) this.write(data);
      const pending = this.closeAfterFile;
      if (pending) {
        this.closeAfterFile = undefined;
        this.deps.clock.clearTimeout(pending.cut);
        this.close(pending.reason);
      }
    }
  }

  /** Output queued before a file goes out first. */
  private async drainOutput(): Promise<void> {
    this.output.flush();
    while (!this.closed && !this.stream.destroyed && this.output.pendingBytes > this.stream.writableLength) {
      await this.drained();
      this.output.flush();
    }
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed || !this.stream.writableNeedDrain) {
        resolve();
        return;
      }
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
    });
  }

  /** Bounded like the output queue: a client that stops reading mid-file is a stalled client. */
  private holdForFile(data: Buffer): void {
    this.heldForFile?.push(data);
    this.heldForFileBytes += data.length;
    if (this.heldForFileBytes > this.deps.config.maxQueueBytes) {
      this.deps.logger.warn('session.slow_consumer', { session: this.id, nick: this.nick, pendingBytes: this.heldForFileBytes });
      this.destroy('output queue full');
    }
  }

  // ---- input ----------------------------------------------------------------------

  private enqueueLine(text: string, upload: AnnouncedUpload | undefined): void {
    if (this.closed) return;
    this.idle?.touch();
    this.lines.push({ text, upload });
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
      if (this.unfinished && this.unfinished.size >= MAX_UNFINISHED_SENDS) await this.allFinished();
      const line = this.lines.shift();
      if (line === undefined) break;
      this.announced = line.upload;
      try {
        if (this.context) {
          await dispatchLine(this.context, line.text);
        } else {
          this.showEcho();
          await this.login?.handle(line.text);
        }
      } catch (error) {
        this.report(error);
      }
      this.settleUpload(line.upload);
      if (this.stream.isPaused() && this.lines.length < MAX_PENDING_LINES / 2 && this.inputHolds === 0) this.stream.resume();
    }
    // The last messages of a client that has finished sending are stored (and echoed) before goodbye.
    if (this.inputEnded) await this.allFinished();
    this.processing = false;
    this.closeIfInputDone();
  }

  /** After its line: an upload the command did not keep is discarded; one over the limit ends the connection. */
  private settleUpload(upload: AnnouncedUpload | undefined): void {
    this.announced = undefined;
    if (upload === 'too-large') this.closeLingering('connection closed: that file is over the size limit');
    else upload?.discard();
  }

  /**
   * Closes while the client is still sending (an oversized upload). Closing a socket with
   * unread input resets the connection, which can destroy the error line on its way; so a
   * little more input is read and dropped first (close() cuts the connection after a grace).
   */
  private closeLingering(reason: string): void {
    this.close(reason);
    let dropped = 0;
    this.stream.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) this.stream.destroy();
    });
    this.stream.resume();
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

  /** For pipelined sends (ContextHost): the message finishes storing while later lines are handled. */
  finishLater(stored: Promise<unknown>): void {
    const unfinished = (this.unfinished ??= new Set());
    const tracked: Promise<void> = stored
      .then(
        () => undefined,
        (error: unknown) => {
          this.report(error);
        },
      )
      .finally(() => unfinished.delete(tracked));
    unfinished.add(tracked);
  }

  async allFinished(): Promise<void> {
    while (this.unfinished && this.unfinished.size > 0) await Promise.all(this.unfinished);
  }

  private report(error: unknown): void {
    const refusal = refusalOf(error);
    if (refusal) {
      this.send(errorLine(refusal.code, refusal.message));
      return;
    }
    this.deps.logger.error('session.command_failed', { session: this.id, nick: this.nick, error: error instanceof Error ? error.stack : String(error) });
    this.send(errorLine('STORAGE_FAILED', 'Something went wrong on the server; nothing was changed. Try again.'));
  }

  // ---- login ----------------------------------------------------------------------

  private async enterChat(record: UserRecord, created: boolean): Promise<void> {
    if (this.closed) return;
    this.stopLoginTimer();
    this.held = [];
    const { hub, config, logger } = this.deps;
    const { user, cutoff } = await hub.attach(this, record);
    this.user = user;
    // The connection may have gone while we waited; destroy() could not detach it then.
    if (this.isClosed()) {
      await hub.detach(this, user);
      return;
    }
    logger.info('session.login', { session: this.id, nick: user.nick, address: this.address, registered: created });
    this.context = new SessionContext(this, this.deps, user);
    this.login = undefined;
    this.send(welcomeLine(user.nick, DEFAULT_ROOM));
    const startCursor = user.readCursor;
    try {
      const lines = [
        ...(await catchUpLines(hub, config, user.nick, startCursor, cutoff)),
        ...(await standingLines(this.deps.rules, config, user.nick, hub.clock.now())),
      ];
      for (const line of lines) this.send(line);
    } finally {
      if (cutoff.newest > user.readCursor) user.readCursor = cutoff.newest;
      const held = this.held;
      this.held = undefined;
      for (const encoded of held) this.write(encoded);
    }
  }

  /** Where this client reached us (a socket's local end), else where the config says we listen (ContextHost). */
  serverAddress(): string {
    const socket = this.stream as Partial<Pick<Socket, 'localAddress' | 'localPort'>>;
    const host = socket.localAddress ?? this.deps.config.host;
    const port = socket.localPort ?? this.deps.config.port;
    return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  }

  // ---- closing --------------------------------------------------------------------

  /** Resolves once the socket has closed and the server was told (onDisconnected). */
  disconnected(): Promise<void> {
    return new Promise((resolve) => {
      if (!sessionOf.has(this.stream)) resolve();
      else this.stream.once('close', () => { resolve(); });
    });
  }

  /**
   * Says goodbye, lets the output drain, then ends the connection. A file going out is
   * finished first (its size was promised), for at most --download-grace; past that the
   * connection is cut, and the client sees fewer bytes than the header said.
   */
  close(reason: string): void {
    if (this.closed) return;
    if (this.heldForFile && !this.stream.destroyed) {
      if (!this.closeAfterFile) {
        const cut = this.deps.clock.setTimeout(() => {
          this.deps.logger.warn('session.download_cut', { session: this.id, nick: this.nick, reason });
          this.stream.destroy();
        }, this.deps.config.downloadGraceMs);
        cut.unref?.();
        this.closeAfterFile = { reason, cut };
      }
      return;
    }
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
    this.stopLoginTimer();
    if (this.lagTimer) this.deps.clock.clearTimeout(this.lagTimer);
    this.idle?.stop();
    this.output.close();
    this.uploads.abortAll();
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
