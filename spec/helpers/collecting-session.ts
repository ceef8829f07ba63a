import type { Delivery } from '../../lib/chat/hub/delivery.js';
import type { NoticeDelivery } from '../../lib/chat/hub/notice.js';
import type { SessionPort } from '../../lib/chat/hub/session-port.js';
import { messageBytes, noticeBytes } from '../../lib/protocol/line/line-presenter.js';

/** A session that only collects what it is handed, as the line protocol would show it, for hub tests without sockets. */
export class CollectingSession implements SessionPort {
  readonly lines: string[] = [];
  readonly currentRoom = 'general';
  disconnectedBy: string | undefined;
  constructor(readonly id: number) {}

  deliver(delivery: Delivery, mentioned: boolean): void {
    this.collect(messageBytes(delivery, false, mentioned, false));
  }

  notify(notice: NoticeDelivery): void {
    this.collect(noticeBytes(notice, false));
  }

  disconnect(by: string): void {
    this.disconnectedBy = by;
  }

  roomLost(): void {}

  protected collect(bytes: Buffer): void {
    this.lines.push(bytes.toString().trimEnd());
  }
}
