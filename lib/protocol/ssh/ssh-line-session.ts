import type { Duplex } from 'node:stream';
import type { CatchUpCutoff } from '../../chat/hub/delivery-order.js';
import type { OnlineUser } from '../../chat/hub/online-user.js';
import type { QueuedLine } from '../../session/line-queue.js';
import type { UserRecord } from '../../store/records.js';
import { infoLine } from '../line/format.js';
import { LineSession, type LineSessionDeps } from '../line/line-session.js';

/** Who an SSH connection authenticated as, and what to tell them once they are in. */
export interface SshLogin {
  readonly record: UserRecord;
  /** The account was registered during this authentication. */
  readonly created: boolean;
  /** Lines for the user after the welcome (a key bound to the new account). */
  readonly notes: readonly string[];
}

/**
 * The line protocol on an SSH channel without a terminal (`ssh -T`, stdin piped): as over
 * `nc`, but logged in already, by the SSH authentication, so there is no login dialogue.
 */
export class SshLineSession extends LineSession {
  /** Lines wait for the welcome: before it they would go to the login dialogue. */
  private entered: Promise<void> = Promise.resolve();

  constructor(
    id: number,
    stream: Duplex,
    address: string,
    deps: LineSessionDeps,
    protected readonly account: SshLogin,
  ) {
    super(id, stream, address, deps);
  }

  override start(): void {
    this.log.info('session.connect', { address: this.address, transport: 'ssh' });
    this.entered = this.enterChat(this.account.record, this.account.created).catch((error: unknown) => {
      this.report(error);
      this.close('could not log in; try again');
    });
  }

  protected override async handleLine(line: QueuedLine): Promise<void> {
    await this.entered;
    await super.handleLine(line);
  }

  protected override async welcome(user: OnlineUser, cutoff: CatchUpCutoff): Promise<void> {
    await super.welcome(user, cutoff);
    for (const note of this.account.notes) this.send(infoLine(note));
  }
}
