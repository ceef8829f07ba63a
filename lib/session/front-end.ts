import type { Duplex } from 'node:stream';
import type { Session, SessionDeps } from './session.js';

/** Opens one session on a connection that was accepted. */
export type SessionOpener = (id: number, stream: Duplex, address: string) => Session;

/**
 * A protocol the server can speak on a connection (lib/protocol/line, later IRC): how to
 * open a session of it, and the one line a connection refused before it has a session
 * (too many connections) is told.
 */
export interface FrontEnd {
  /** Binds to what every session of the server shares (made once: W3 counts per connection). */
  bind(deps: SessionDeps): SessionOpener;
  /** The bytes a refused connection is sent before it is closed. */
  refusal(code: string, message: string): Buffer;
}
