import type { Duplex } from 'node:stream';
import type { ChatCore } from '../chat/chat-core.js';
import type { CatchUpCutoff } from '../chat/hub/delivery-order.js';
import type { Delivery } from '../chat/hub/delivery.js';
import { refusalOf } from '../chat/refusals.js';
import { DEFAULT_ROOM } from '../chat/text/names.js';
import { NoticeDelivery } from '../chat/hub/notice.js';
import type { SessionPort } from '../chat/hub/session-port.js';
import type { OnlineUser } from '../chat/hub/online-user.js';
import type { ServerConfig } from '../config.js';
import type { UserRecord } from '../store/records.js';
import type { Clock } from '../util/clock.js';
import { childLogger, type Logger } from '../util/logger.js';
import { localAddressOf } from './addresses.js';
import { FileSender, type FileSenderHost } from './file-sender.js';
import { FloodControl, MAX_DELAYED_LINES } from './flood-control.js';
import { LoginTimer } from './login-timer.js';
import { LineQueue, MAX_PENDING_LINES, type LineQueueHost, type QueuedLine } from './line-queue.js';
import type { FlushScheduler } from './flush-scheduler.js';
import { IdleWatch } from './idle-watch.js';
import type { AnnouncedUpload } from './incoming-upload.js';
import { OutputQueue, type OutputOwner } from './output-queue.js';
import { isListening, listenTo, type StreamEventsTarget } from './stream-events.js';

/** What every session needs from the server, whatever its protocol. */
export interface SessionDeps {
  chat: ChatCore;
  config: ServerConfig;
  logger: Logger;
  clock: Clock;
  flusher: FlushScheduler;
  /** The session ended (its socket may still be draining its last output). */
  onClosed(session: Session): void;
  /** Its socket closed: after onClosed, once. */
  onDisconnected(session: Session): void;
}

/** How long a closed connection may take to read its last output and hang up before it is cut. */
export const CLOSE_GRACE_MS = 2000;

/**
 * One connected client, whatever protocol it speaks: lines handled one at a time in the
 * order they came (fakelag between them, sends stored while the next line runs), output
 * through a bounded queue flushed once a turn, files sent with backpressure, the login
 * and idle timeouts, and the one way a connection ends. A front end (lib/protocol/*)
 * extends it with framing, its login dialogue and how things look on its wire. Whatever
 * goes wrong inside is contained here: at worst this session closes.
 */
export abstract class Session implements SessionPort, OutputOwner, FileSenderHost, LineQueueHost, StreamEventsTarget {
  readonly output: OutputQueue;
  /** The room this session's plain lines go to (SessionPort). */
  currentRoom = DEFAULT_ROOM;
  /** Wants ANSI colour (`/color on`): this connection's, never another's of the same user. */
  colour = false;
  protected user: OnlineUser | undefined;
  private readonly queue: LineQueue;
  /** Reasons not to read from the socket now (uploads waiting for their command or the disk). */
  private inputHolds = 0;
  /** Nothing more is read: what comes is on its way to be dropped (an oversized upload). */
  protected inputStopped = false;
  private closed = false;
  /** The time a client has to finish logging in (the front end starts it at its prompts); dropped once logged in. */
  protected loginTimer: LoginTimer | undefined;
  private readonly idle: IdleWatch | undefined;
  /** Live output held back while the catch-up is being written, so order is kept. */
  private held: Buffer[] | undefined;
  /** Made with the first download: most connections never send a file. */
  private files: FileSender | undefined;

  constructor(
    readonly id: number,
    readonly stream: Duplex,
    readonly address: string,
    protected readonly deps: SessionDeps,
  ) {
    const { clock, config } = deps;
    this.output = new OutputQueue(stream, deps.flusher, config.maxQueueBytes, this);
    const flood = config.floodRate > 0 && config.floodBurst > 0 ? new FloodControl(clock, { ratePerSecond: config.floodRate, burst: config.floodBurst }) : undefined;
    this.queue = new LineQueue(this, flood);
    this.loginTimer = new LoginTimer(clock, config.loginTimeoutMs, () => {
      this.close('login timed out');
    });
    if (config.idleTimeoutMs > 0) {
      this.idle = new IdleWatch(clock, config.idleTimeoutMs, () => {
        this.close(`no input for ${Math.round(config.idleTimeoutMs / 1000)} s; disconnected`);
      });
    }
    listenTo(stream, this);
  }

  // ---- what a front end provides ---------------------------------------------------

  /** Bytes from the client, to be framed into lines (enqueueLine). */
  protected abstract received(chunk: Buffer): void;
  /** Handles one line, in its turn: the login dialogue, or a command. */
  protected abstract handleLine(line: QueuedLine): Promise<void>;
  /** After a line was handled, and any refusal of it shown. */
  protected lineDone(_line: QueuedLine): void {}
  /** Shows the user that something was refused: `ERROR CODE: text` on the line protocol. */
  protected abstract showRefusal(code: string, message: string): void;
  /** Shows the reason the connection ends, just before it does. */
  protected abstract showGoodbye(reason: string): void;
  /** The bytes of a message line for this session's user. */
  protected abstract messageBytes(delivery: Delivery, mentioned: boolean): Buffer;
  /** The bytes of a notice, or undefined for one this front end does not show. */
  protected abstract noticeBytes(notice: NoticeDelivery): Buffer | undefined;
  /** Welcomes the user just attached, with whatever they missed (messages in `cutoff` come live). */
  protected abstract welcome(user: OnlineUser, cutoff: CatchUpCutoff, created: boolean): Promise<void>;
  /** The client will send nothing more. */
  protected clientDone(): void {}
  /** The session is over: let go of whatever it holds (an upload in progress). */
  protected ended(): void {}

  // ---- stream events (StreamEventsTarget) ------------------------------------------

  streamData(chunk: Buffer): void {
    if (!this.inputStopped) this.received(chunk);
  }

  streamEnded(): void {
    this.clientDone();
    this.queue.endOfInput();
  }

  streamClosed(): void {
    this.destroy('connection closed');
    this.deps.onDisconnected(this);
  }

  streamFailed(error: Error): void {
    this.log.debug('session.socket_error', { error: error.message });
    this.destroy('socket error');
  }

  // ---- state -----------------------------------------------------------------------

  get clock(): Clock { return this.deps.clock; }

  get maxHeldBytes(): number { return this.deps.config.maxQueueBytes; }

  get nick(): string | undefined { return this.user?.nick; }

  /** The server's logger, with this session's id and (once known) nick on every entry. Made when used: an idle connection holds none. */
  protected get log(): Logger {
    return childLogger(this.deps.logger, { session: this.id, nick: this.nick });
  }

  isClosed(): boolean { return this.closed; }

  /** Where this client reached us (a socket's local end), else where the config says we listen. */
  serverAddress(): string {
    return localAddressOf(this.stream, this.deps.config);
  }

  /** Counts as activity for the idle timeout (upload bytes do too). */
  protected touched(): void {
    this.idle?.touch();
  }

  // ---- input flow ------------------------------------------------------------------

  /** Reading must wait (an upload waiting for its command or the disk); holds count. */
  holdInput(): void {
    this.inputHolds++;
    this.stream.pause();
  }

  releaseInput(): void {
    this.inputHolds--;
    if (this.inputHolds === 0 && this.queue.length < MAX_PENDING_LINES / 2 && !this.closed) this.stream.resume();
  }

  inputHeld(): boolean {
    return this.inputHolds > 0;
  }

  // ---- output ----------------------------------------------------------------------

  /** What the chat core hands over (SessionPort), in this front end's words. */
  deliver(delivery: Delivery, mentioned: boolean): void {
    this.sendShared(this.messageBytes(delivery, mentioned));
  }

  notify(notice: NoticeDelivery): void {
    const bytes = this.noticeBytes(notice);
    if (bytes) this.sendShared(bytes);
  }

  disconnect(by: string): void {
    this.close(`you were disconnected by ${by} (operator)`);
  }

  /** Plain lines went to a room the user is no longer in: they go to #general now, and the user is told. */
  roomLost(room: string): void {
    if (this.currentRoom !== room) return;
    this.currentRoom = DEFAULT_ROOM;
    this.notify(new NoticeDelivery({ kind: 'talking-in', room: DEFAULT_ROOM }));
  }

  /** Bytes shared with other sessions: held back while the catch-up is written, so order is kept. */
  private sendShared(encoded: Buffer): void {
    // A front end may show nothing of something (IRC: a client's own message, unless it asked for echoes).
    if (encoded.length === 0) return;
    if (this.held) this.held.push(encoded);
    else this.write(encoded);
  }

  protected write(data: Buffer): void {
    if (this.files?.sending) this.files.hold(data);
    else if (!this.closed) this.output.push(data);
  }

  /** FileSenderHost: what was held back while a file went out. */
  writeHeld(data: Buffer): void {
    this.write(data);
  }

  /** The client stopped reading and its output passed the limit (OutputOwner, FileSenderHost). */
  onOutputOverflow(pendingBytes: number): void {
    this.log.warn('session.slow_consumer', { pendingBytes });
    this.destroy('output queue full');
  }

  /**
   * `header`, exactly `size` bytes of the file, `trailer`, straight to the socket with
   * backpressure; what else comes for this session meanwhile waits.
   */
  async sendFile(header: Buffer, filePath: string, size: number, trailer: Buffer): Promise<void> {
    const files = (this.files ??= new FileSender(this));
    try {
      if (!(await files.send(header, filePath, size, trailer))) {
        // The client hung up mid-file: its own doing, nothing went wrong here.
        this.log.info('file.download_cut');
      }
    } catch (error) {
      // Part of a file is on the wire: the client can no longer tell bytes from lines.
      this.destroy('file transfer failed');
      throw error;
    }
  }

  // ---- input -----------------------------------------------------------------------

  protected enqueueLine(text: string, upload: AnnouncedUpload | undefined, tooLong?: number): void {
    if (this.closed) return;
    this.touched();
    this.queue.push(tooLong === undefined ? { text, upload } : { text, upload, tooLong });
  }

  /** One line in its turn (LineQueueHost): a refusal is shown, and what the line announced settled. */
  async runLine(line: QueuedLine): Promise<void> {
    try {
      await this.handleLine(line);
    } catch (error) {
      // After the echoes of the messages sent before it, which may still be being stored.
      await this.queue.allFinished();
      this.report(error);
    }
    this.lineDone(line);
  }

  pauseInput(): void {
    this.stream.pause();
  }

  resumeInput(): void {
    if (this.stream.isPaused() && this.inputHolds === 0 && !this.closed) this.stream.resume();
  }

  finished(): void {
    this.close('bye!');
  }

  flooded(queued: number): void {
    const { config } = this.deps;
    this.log.warn('session.flood', { address: this.address, queued });
    this.showRefusal(
      'FLOODING',
      `More than ${MAX_DELAYED_LINES} lines were waiting their turn (after ${config.floodBurst} at once, ${config.floodRate} a second). Send fewer at a time.`,
    );
    this.close('disconnected for flooding');
  }

  /** For pipelined sends: the message finishes storing while later lines are handled. */
  finishLater(stored: Promise<unknown>): void {
    this.queue.finishLater(stored);
  }

  allFinished(): Promise<void> {
    return this.queue.allFinished();
  }

  /** A refusal is shown as such; anything else is a fault of ours, logged, and the user told nothing changed. */
  report(error: unknown): void {
    const refusal = refusalOf(error);
    if (refusal) {
      this.showRefusal(refusal.code, refusal.message);
      return;
    }
    this.log.error('session.command_failed', { error: error instanceof Error ? error.stack : String(error) });
    this.showRefusal('STORAGE_FAILED', 'Something went wrong on the server; nothing was changed. Try again.');
  }

  // ---- login -----------------------------------------------------------------------

  /** The account is checked: attach to the chat, welcome, and let live output through. */
  protected async enterChat(record: UserRecord, created: boolean, options: { guest?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.loginTimer?.end();
    this.loginTimer = undefined; // a logged-in session holds no timer, nor the closure it would call
    this.held = [];
    const { chat } = this.deps;
    const { user, cutoff } = await chat.attach(this, record, options).catch((error: unknown) => {
      this.held = undefined; // refused (a guest's nick was taken meanwhile): nothing to hold back
      throw error;
    });
    this.user = user;
    // The connection may have gone while we waited; destroy() could not detach it then.
    if (this.isClosed()) {
      await chat.detach(this, user);
      return;
    }
    this.log.info('session.login', { address: this.address, registered: created });
    try {
      await this.welcome(user, cutoff, created);
    } finally {
      if (cutoff.newest > user.readCursor) user.readCursor = cutoff.newest;
      const held = this.held;
      this.held = undefined;
      for (const encoded of held) this.write(encoded);
    }
  }

  // ---- closing ---------------------------------------------------------------------

  /** Resolves once the socket has closed and the server was told (onDisconnected). */
  disconnected(): Promise<void> {
    return new Promise((resolve) => {
      if (!isListening(this.stream)) resolve();
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
    if (this.files?.sending && !this.stream.destroyed) {
      this.files.closeWhenSent(reason, this.deps.config.downloadGraceMs);
      return;
    }
    this.showGoodbye(reason);
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

  /** FileSenderHost: the file is through; close as was asked. */
  closeNow(reason: string): void {
    this.close(reason);
  }

  /** FileSenderHost: the file took longer than the grace: cut the connection. */
  cut(reason: string): void {
    this.log.warn('session.download_cut', { reason });
    this.stream.destroy();
  }

  /** Ends at once (client gone, stalled, or after close). Idempotent. */
  protected destroy(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.loginTimer?.end();
    this.queue.stop();
    this.idle?.stop();
    this.output.close();
    this.ended();
    if (!this.stream.writableEnded) this.stream.destroy();
    this.log.info('session.disconnect', { reason });
    const user = this.user;
    if (user) {
      this.deps.chat.detach(this, user).catch((error: unknown) => {
        this.log.error('session.detach_failed', { error: String(error) });
      });
    }
    this.deps.onClosed(this);
  }
}
