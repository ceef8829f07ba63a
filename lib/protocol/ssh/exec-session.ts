import type { Duplex } from 'node:stream';
import type { CatchUpCutoff } from '../../chat/hub/delivery-order.js';
import type { Delivery } from '../../chat/hub/delivery.js';
import type { OnlineUser } from '../../chat/hub/online-user.js';
import { infoLine } from '../line/format.js';
import type { LineSessionDeps } from '../line/line-session.js';
import { EOL, errorLine } from '../line/wire.js';
import { SshLineSession, type SshLogin } from './ssh-line-session.js';

/** What an exec request has beyond stdin and stdout. */
export interface ExecChannel {
  /** The exit status the ssh client exits with. */
  exit(code: number): void;
  writeStderr(text: string): void;
}

const NOTHING = Buffer.alloc(0);

/**
 * `ssh alice@host '/send bob build is green'`: the command's lines run as alice's, one
 * after the other, and the channel ends with exit status 0, or 1 if any was refused.
 * Only the answers go to stdout (no welcome, no catch-up, no one else's messages; a
 * download is the file's bytes alone), errors go to stderr, and nothing is marked read. Standard
 * input is read only for the bytes an `/upload <name> <size>` line announces.
 */
export class ExecSession extends SshLineSession {
  private refused = 0;
  /** All the command's lines are queued; an end of stdin after this is the client's own. */
  private linesGiven = false;
  /** The user's read cursor when this session came: messages it did not show stay unread. */
  private cursorAtLogin: number | undefined;

  constructor(
    id: number,
    stream: Duplex,
    address: string,
    deps: LineSessionDeps,
    account: SshLogin,
    private readonly command: string,
    private readonly channel: ExecChannel,
  ) {
    super(id, stream, address, deps, account);
  }

  override start(): void {
    super.start();
    this.log.info('ssh.exec', { bytes: Buffer.byteLength(this.command) });
    super.received(Buffer.from(this.command.endsWith('\n') ? this.command : `${this.command}\n`));
    // The queue ends once these lines are handled (and what their uploads announced has come).
    this.streamEnded();
    this.linesGiven = true;
  }

  /** Stdin is the bytes of an upload, or nothing anyone waits for. */
  protected override received(chunk: Buffer): void {
    if (this.framer.rawBytesLeft > 0) super.received(chunk);
  }

  protected override clientDone(): void {
    // Only the client's own end of stdin cuts an upload short.
    if (this.linesGiven) super.clientDone();
  }

  protected override async welcome(user: OnlineUser, _cutoff: CatchUpCutoff): Promise<void> {
    this.cursorAtLogin = user.readCursor;
    this.startCommands(user);
    return Promise.resolve();
  }

  /** The echo of what the command sent (with a file's id) is its answer; other people's messages are not shown. */
  override deliver(delivery: Delivery, mentioned: boolean): void {
    if (delivery.message.from.toLowerCase() === this.nick?.toLowerCase()) super.deliver(delivery, mentioned);
  }

  override notify(): void {}

  override roomLost(): void {}

  /** The file's bytes only: stdout is the file (`> file`). */
  override sendFile(_header: Buffer, filePath: string, size: number): Promise<void> {
    return super.sendFile(NOTHING, filePath, size, NOTHING);
  }

  protected override showRefusal(code: string, message: string): void {
    this.refused++;
    this.channel.writeStderr(errorLine(code, message) + EOL);
  }

  protected override showGoodbye(reason: string): void {
    // The end of the command is no news; being cut off (flood, shutdown, an operator) is.
    if (reason !== 'bye!') this.channel.writeStderr(infoLine(reason) + EOL);
    this.channel.exit(this.refused > 0 || reason !== 'bye!' ? 1 : 0);
  }

  protected override ended(): void {
    super.ended();
    // Messages delivered while this was the user's only session were shown to nobody.
    const user = this.user;
    if (user && this.cursorAtLogin !== undefined && user.sessions.length === 1 && user.sessions[0] === this) {
      user.readCursor = Math.min(user.readCursor, this.cursorAtLogin);
    }
  }
}
