import type { Accounts } from '../../auth/accounts.js';
import { catchUp, type Viewer } from '../../chat/catch-up.js';
import type { CatchUpCutoff } from '../../chat/hub/delivery-order.js';
import type { Delivery } from '../../chat/hub/delivery.js';
import type { NoticeDelivery } from '../../chat/hub/notice.js';
import type { OnlineUser } from '../../chat/hub/online-user.js';
import type { CommandSpec } from '../../commands/command.js';
import { VERSION } from '../../config.js';
import type { Duplex } from 'node:stream';
import type { AnnouncedUpload } from '../../session/incoming-upload.js';
import type { QueuedLine } from '../../session/line-queue.js';
import { hostOf } from '../../session/addresses.js';
import { Session, type SessionDeps } from '../../session/session.js';
import { MIN_UPLOAD_BYTES_PER_SECOND, type UploadStall } from '../../session/upload-watch.js';
import { refuse } from '../../chat/refusals.js';
import { formatSize } from '../../util/units.js';
import { catchUpLines } from './catch-up.js';
import { paintServerLine } from './colour.js';
import { dispatchLine } from './dispatch-line.js';
import { infoLine } from './format.js';
import { LineContext } from './line-context.js';
import { LineFramer, type LineFramerHandlers } from './line-framer.js';
import { messageBytes, noticeBytes } from './line-presenter.js';
import { LoginFlow } from './login-flow.js';
import { TelnetNegotiation, WILL_ECHO, WONT_ECHO } from './telnet.js';
import { UploadIntake, type UploadInput } from './upload-intake.js';
import { EOL, errorLine, welcomeLine } from './wire.js';

/** What the slash-command protocol needs beyond what every session does. */
export interface LineSessionDeps extends SessionDeps {
  accounts: Accounts;
  commands: ReadonlyMap<string, CommandSpec>;
}

/** After refusing an oversized upload, at most this much more input is read (and dropped) before hanging up. */
const LINGER_BYTES = 256 * 1024;

/**
 * A connection that speaks the slash-command line protocol (telnet, nc, the chat-line
 * client): bytes through the line framer (telnet negotiation, uploads as raw runs), the
 * nickname/password dialogue, then each line a message or a command; output as the lines
 * lib/protocol/line/line-presenter.ts makes. The rest is the Session's.
 */
export class LineSession extends Session implements LineFramerHandlers, UploadInput {
  protected readonly framer: LineFramer;
  private readonly uploads: UploadIntake;
  /** Until the user is in: then dropped, with the callbacks it holds (memory per idle connection counts). */
  private login: LoginFlow | undefined;
  private context: LineContext | undefined;
  /** The upload announced by the line being handled. */
  private announced: AnnouncedUpload | undefined;
  /** A prompt was the last thing written, without a line end. */
  private promptOpen = false;
  /** Made when a client first negotiates: most connections never do (nc, chat-line). */
  private telnet: TelnetNegotiation | undefined;
  /** We told a telnet client we echo (we don't): the password being typed stays hidden. */
  private echoHidden = false;

  constructor(id: number, stream: Duplex, address: string, protected readonly line: LineSessionDeps) {
    super(id, stream, address, line);
    const { config } = line;
    // The session is the framer's and the upload intake's listener itself: no closures per
    // connection (W3 counts the bytes an idle connection holds).
    this.framer = new LineFramer({ maxLineBytes: config.maxLineBytes }, this);
    this.uploads = new UploadIntake({ maxFileBytes: config.maxFileBytes, stallMs: config.uploadStallMs }, line.clock, this.framer, this);
    this.login = new LoginFlow(line.accounts, {
      // Throttling counts per client host; the port changes with every connection.
      address: hostOf(address),
      maxFailures: config.maxLoginFailures,
      send: (text) => {
        this.send(text);
      },
      prompt: (text, options) => {
        // Telnet on a port other than 23 negotiates nothing but ends its lines with CR.
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
        if (active) this.loginTimer?.stop();
        else this.loginTimer?.start();
      },
      loggedIn: (user, created) => this.enterChat(user, created),
      close: (reason) => {
        this.close(reason);
      },
    });
  }

  start(): void {
    this.log.info('session.connect', { address: this.address });
    this.loginTimer?.start();
    this.login?.start(`chat-line ${VERSION}. Type a nickname to log in or register (or /login <nick> <password>).`);
  }

  // ---- input: framer, telnet and uploads ------------------------------------------

  protected received(chunk: Buffer): void {
    this.framer.push(chunk);
  }

  /** A line ended (LineFramerHandlers); an upload line switches the framer to raw bytes before the next. */
  onLine(text: string): void {
    if (!this.inputStopped) this.enqueueLine(text, this.uploads.inspect(text));
  }

  /** Bytes of the upload being read; they are activity as much as lines are. */
  onRaw(bytes: Buffer): void {
    this.touched();
    this.uploads.raw(bytes);
  }

  onRawEnd(): void {
    this.uploads.rawEnd();
  }

  /** Refused in its turn, after the answers to the lines before it. */
  onTooLong(bytes: number): void {
    if (!this.inputStopped) this.enqueueLine('', undefined, bytes);
  }

  onTelnet(command: number, option: number | undefined): void {
    const answer = option === undefined ? undefined : (this.telnet ??= new TelnetNegotiation()).answer(command, option);
    if (answer) this.writeTelnet(answer);
  }

  /** An upload too large to read through: never released, the connection is closed once the error is out (UploadInput). */
  stopInput(): void {
    this.inputStopped = true;
    this.holdInput();
  }

  /** The upload was abandoned (UploadInput): the rest of its bytes cannot be told from lines, so the connection ends. */
  uploadStalled(reason: UploadStall): void {
    const seconds = Math.round(this.deps.config.uploadStallMs / 1000);
    this.log.warn('upload.stalled', { reason });
    const why = reason === 'stalled' ? `No byte of the file came for ${seconds} s` : `The file came slower than ${formatSize(MIN_UPLOAD_BYTES_PER_SECOND)} a second`;
    this.showRefusal('UPLOAD_STALLED', `${why}; the upload was abandoned and nothing was kept. Send it again.`);
    this.close('connection closed: the upload stalled');
  }

  /** The file bytes the line being handled announced, if it is an `/upload` line with a size. */
  announcedUpload(): AnnouncedUpload | undefined {
    return this.announced;
  }

  protected override clientDone(): void {
    // An upload still waiting for bytes will never get them.
    this.uploads.inputEnded();
  }

  protected override ended(): void {
    this.uploads.abortAll();
  }

  // ---- lines -----------------------------------------------------------------------

  protected async handleLine(line: QueuedLine): Promise<void> {
    if (line.tooLong !== undefined) throw refuse.lineTooLong(line.tooLong, this.deps.config.maxLineBytes);
    this.announced = line.upload;
    if (this.context) {
      await dispatchLine(this.context, line.text);
      return;
    }
    this.showEcho();
    await this.login?.handle(line.text);
  }

  /** After its line: an upload the command did not keep is discarded; one too large to read through ends the connection. */
  protected override lineDone(line: QueuedLine): void {
    this.announced = undefined;
    if (line.upload === 'too-large') {
      if (this.inputStopped) this.closeLingering('connection closed: that file is too large even to skip');
    } else {
      line.upload?.discard();
    }
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

  // ---- output ----------------------------------------------------------------------

  /** One line of this protocol, in colour if the user wants it. */
  send(line: string): void {
    this.write(Buffer.from((this.colour ? paintServerLine(line) : line) + EOL));
  }

  protected override write(data: Buffer): void {
    this.promptOpen = false;
    super.write(data);
  }

  /** Negotiation bytes: not text, so an open prompt stays open. */
  private writeTelnet(data: Buffer): void {
    if (!this.isClosed()) this.output.push(data);
  }

  /** After the hidden password line: the client echoes again, and the Enter it didn't echo is ours to write. */
  private showEcho(): void {
    if (!this.echoHidden) return;
    this.echoHidden = false;
    this.writeTelnet(WONT_ECHO);
    this.write(Buffer.from(EOL));
  }

  protected showRefusal(code: string, message: string): void {
    this.send(errorLine(code, message));
  }

  protected showGoodbye(reason: string): void {
    this.send(infoLine(reason));
  }

  protected messageBytes(delivery: Delivery, mentioned: boolean): Buffer {
    return messageBytes(delivery, this.colour, mentioned, mentioned && this.currentRoom !== delivery.message.room);
  }

  protected noticeBytes(notice: NoticeDelivery): Buffer | undefined {
    // A user's own join or leave was answered by the command; it is no news to them.
    const { notice: what } = notice;
    if ((what.kind === 'joined' || what.kind === 'left') && what.nick.toLowerCase() === this.nick?.toLowerCase()) return undefined;
    return noticeBytes(notice, this.colour);
  }

  /** Who is reading, for the stored messages this session shows. */
  viewer(user: OnlineUser): Viewer {
    return { nick: user.nick, ignores: user.ignores, colour: this.colour };
  }

  /** From now on each line is a command of `user`: the login dialogue is over. */
  protected startCommands(user: OnlineUser): void {
    this.context = new LineContext(this, this.line, user);
    this.login = undefined;
  }

  /** The welcome line, then what the user missed (lib/protocol/line/catch-up.ts). */
  protected async welcome(user: OnlineUser, cutoff: CatchUpCutoff): Promise<void> {
    const { chat, config, clock } = this.deps;
    this.startCommands(user);
    this.send(welcomeLine(user.nick, this.currentRoom));
    const missed = await catchUp(chat, user, user.readCursor, cutoff, { history: config.historySize, unread: config.catchUpLimit, banThreshold: config.banThreshold });
    for (const text of catchUpLines(missed, chat.ids.messages, clock.now(), this.viewer(user))) this.send(text);
  }
}
