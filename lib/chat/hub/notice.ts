import { RenderCache } from './render-cache.js';

/**
 * Something the chat tells people that is not a message: it is not stored, and each front
 * end words it its own way (the line protocol as a `-- ` line, IRC as JOIN/PART/NOTICE).
 */
export type Notice =
  | { kind: 'joined'; room: string; nick: string }
  | { kind: 'left'; room: string; nick: string }
  /** `by` let `nick` into the private room: told to `nick` and to the room's members. */
  | { kind: 'invited'; room: string; nick: string; by: string }
  /** `by` set the room's topic to `text` (null: cleared it). */
  | { kind: 'topic'; room: string; text: string | null; by: string }
  /** The owner of a private room removed a member. */
  | { kind: 'kicked'; room: string; nick: string; by: string }
  /** A message was deleted (`/delete`): its id as shown, its room (null: private), who deleted it. */
  | { kind: 'deleted'; id: string; room: string | null; by: string }
  /** An operator's /announce. */
  | { kind: 'announcement'; from: string; text: string }
  /** The room this session's plain lines go to changed without its asking (it lost the one it had). */
  | { kind: 'talking-in'; room: string }
  /** Someone who shares a room with the reader went away (with their message) or came back (null). */
  | { kind: 'away'; nick: string; away: string | null }
  /** Anything else the server says, in words (rules, shutdown, a lost store). */
  | { kind: 'server'; text: string };

/** A notice on its way to one or many sessions, rendered once per way of showing it. */
export class NoticeDelivery extends RenderCache {
  constructor(readonly notice: Notice) {
    super();
  }
}
