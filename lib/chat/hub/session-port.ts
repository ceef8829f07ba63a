import type { Delivery } from './delivery.js';
import type { NoticeDelivery } from './notice.js';

/**
 * What the chat core sees of a connection, whatever its protocol: an id, the room it talks
 * in, and three ways to reach it. The core hands over structured things (a message, a
 * notice); the session's front end turns them into bytes. Keeping this narrow keeps the
 * core free of sockets and wire formats, and easy to test.
 */
export interface SessionPort {
  readonly id: number;
  /** The room this session's plain lines go to. */
  readonly currentRoom: string;
  /** A message for this session's user; `mentioned`: it names them. */
  deliver(delivery: Delivery, mentioned: boolean): void;
  notify(notice: NoticeDelivery): void;
  /** An operator ended every session of this user. */
  disconnect(by: string): void;
  /** This session's user is no longer in `room` (left on another session, or removed by its owner). */
  roomLost(room: string): void;
}
