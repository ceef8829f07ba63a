/**
 * A rule that may refuse a send before anything is stored: a ban, a mute, a rate limit.
 * Each rule is one small class in its own file; the hub asks all of them, in order, for
 * every message whatever its route (typed, private, comment, scheduled, file).
 */
export type SendRoute = 'room' | 'private';

export interface SendAttempt {
  from: string;
  route: SendRoute;
  /** The room for room messages, the recipient's nick for private ones. */
  target: string;
  /** When the message was due (scheduled sends) or typed; the clock's now otherwise. */
  at: number;
}

export interface SendGate {
  /** Throws a ChatError saying why (and until when) if this send is not allowed. */
  check(attempt: SendAttempt): void | Promise<void>;
}
