import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FrontEnd, SessionOpener } from '../session/front-end.js';
import { hostOf } from '../session/addresses.js';
import type { Session, SessionDeps } from '../session/session.js';
import { ConnectionLimits } from './connection-limits.js';

/** What the server passes to every session (the rest of SessionDeps it provides itself), and the protocol it speaks. */
export interface ChatServerDeps extends Omit<SessionDeps, 'onClosed' | 'onDisconnected'> {
  frontEnd: FrontEnd;
}

export type ServerState = 'running' | 'closing' | 'closed';

/**
 * Accepts connections and hands each one to a Session. Anything that is a duplex stream
 * can be handed to `handle`, so most tests need no socket at all.
 */
export class ChatServer {
  private readonly sessions = new Set<Session>();
  private readonly listeners: net.Server[] = [];
  /** Sessions whose socket is not closed yet, ended ones included: shutdown waits for them. */
  private readonly connected = new Set<Session>();
  private readonly limits: ConnectionLimits;
  /** One object for all sessions (W3 counts the bytes each connection holds). */
  private readonly sessionDeps: SessionDeps;
  /** How each protocol opens a session: the main one, and others on listeners of their own (IRC). */
  private readonly openers = new Map<FrontEnd, SessionOpener>();
  /** For sessions inside a connection that holds the slot itself (SSH channels): they give none back. */
  private readonly withinDeps: SessionDeps;
  private nextId = 1;
  private stateValue: ServerState = 'running';
  /** Told when the close begins, after the sessions were told: transports with connections of their own end them. */
  private readonly closingHooks: (() => void)[] = [];

  constructor(private readonly deps: ChatServerDeps) {
    this.limits = new ConnectionLimits(deps.config);
    this.sessionDeps = {
      chat: deps.chat,
      config: deps.config,
      logger: deps.logger,
      clock: deps.clock,
      flusher: deps.flusher,
      onClosed: (session) => {
        this.sessions.delete(session);
      },
      // The slot is held until the socket is really closed, not just until the session ends.
      onDisconnected: (session) => {
        this.connected.delete(session);
        this.limits.release(hostOf(session.address));
      },
    };
    this.openers.set(deps.frontEnd, deps.frontEnd.bind(this.sessionDeps));
    this.withinDeps = {
      ...this.sessionDeps,
      onDisconnected: (session) => {
        this.connected.delete(session);
      },
    };
  }

  get state(): ServerState {
    return this.stateValue;
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Sockets not closed yet, ended sessions included: what the connection limits count. */
  get openConnections(): number {
    return this.limits.open;
  }

  /** A new connection, speaking `frontEnd`'s protocol (by default the server's main one). */
  handle(stream: Duplex, address: string, frontEnd: FrontEnd = this.deps.frontEnd): Session | undefined {
    if (this.stateValue !== 'running') {
      stream.destroy();
      return undefined;
    }
    const host = hostOf(address);
    const refusal = this.limits.admit(host);
    if (refusal !== undefined) {
      this.deps.logger.warn('server.connection_refused', { address, reason: refusal });
      // A client that reset the connection already is simply gone; unheard, the error would crash the process.
      stream.on('error', () => undefined);
      // The one line, then hang up without waiting for the client to.
      stream.end(frontEnd.refusal('TOO_MANY_CONNECTIONS', refusal), () => stream.destroy());
      return undefined;
    }
    let open = this.openers.get(frontEnd);
    if (!open) {
      open = frontEnd.bind(this.sessionDeps);
      this.openers.set(frontEnd, open);
    }
    const session = open(this.nextId++, stream, address);
    this.connected.add(session);
    this.sessions.add(session);
    return session;
  }

  /**
   * Takes a connection slot for a transport that opens its sessions later, inside the
   * connection (SSH: after the handshake, one per channel): undefined, or why not. The
   * transport gives the slot back with `release` when its socket closes.
   */
  admit(address: string): string | undefined {
    if (this.stateValue !== 'running') return 'The server is shutting down.';
    const refusal = this.limits.admit(hostOf(address));
    if (refusal !== undefined) this.deps.logger.warn('server.connection_refused', { address, reason: refusal });
    return refusal;
  }

  release(address: string): void {
    this.limits.release(hostOf(address));
  }

  /** Opens a session on a stream inside a connection that was admitted (an SSH channel); undefined once closing. */
  openWithin<S extends Session>(stream: Duplex, open: (id: number, deps: SessionDeps) => S): S | undefined {
    if (this.stateValue !== 'running') {
      stream.destroy();
      return undefined;
    }
    const session = open(this.nextId++, this.withinDeps);
    this.connected.add(session);
    this.sessions.add(session);
    return session;
  }

  /** `hook` runs when the close begins (a listener's close waits for its connections to end). */
  whenClosing(hook: () => void): void {
    this.closingHooks.push(hook);
  }

  /** Listens on host:port (port 0 picks a free one) and resolves with the address; `frontEnd` for another protocol than the main one. */
  listen(port = this.deps.config.port, host = this.deps.config.host, frontEnd?: FrontEnd, transport = 'tcp'): Promise<AddressInfo> {
    const server = net.createServer({ noDelay: true, allowHalfOpen: true }, (socket) => {
      this.accept(socket, frontEnd);
    });
    return this.serve(server, port, host, transport);
  }

  /** Hands a connection from any listener, plain or TLS, to a new session. */
  accept(socket: net.Socket, frontEnd?: FrontEnd): void {
    this.handle(socket, `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`, frontEnd);
  }

  /** Starts another listener (TLS, HTTP) on host:port; it stops accepting when this server closes. */
  serve(server: net.Server, port: number, host: string, transport: string): Promise<AddressInfo> {
    this.listeners.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        // From now on an error is a failed accept (EMFILE when out of file descriptors):
        // the listener goes on, and unheard the error would crash the process.
        server.on('error', (error) => {
          this.deps.logger.error('server.accept_failed', { error: error.message });
        });
        const address = server.address() as AddressInfo;
        this.deps.logger.info('server.listening', { transport, host: address.address, port: address.port });
        resolve(address);
      });
    });
  }

  /**
   * Stops accepting, says goodbye to every session and waits for the connections to close
   * (a client that does not hang up is cut after the session's grace).
   */
  async close(reason = 'server shutting down'): Promise<void> {
    if (this.stateValue !== 'running') return;
    this.stateValue = 'closing';
    const stopped = Promise.all(this.listeners.map((server) => new Promise<void>((resolve) => server.close(() => { resolve(); }))));
    for (const session of [...this.sessions]) session.close(reason);
    for (const hook of this.closingHooks) hook();
    const disconnected = Promise.all([...this.connected].map((session) => session.disconnected()));
    await Promise.all([stopped, disconnected]);
    this.stateValue = 'closed';
  }
}
