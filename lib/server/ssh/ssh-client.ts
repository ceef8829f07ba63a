import type { Socket } from 'node:net';
import type { Connection, PseudoTtyInfo, Session as SshSession } from 'ssh2';
import type { Accounts } from '../../auth/accounts.js';
import type { CommandSpec } from '../../commands/command.js';
import type { ServerConfig } from '../../config.js';
import type { LineSessionDeps } from '../../protocol/line/line-session.js';
import { ExecSession } from '../../protocol/ssh/exec-session.js';
import { SshLineSession, type SshLogin } from '../../protocol/ssh/ssh-line-session.js';
import { TerminalSession } from '../../protocol/ssh/terminal-session.js';
import { hostOf } from '../../session/addresses.js';
import type { Session, SessionDeps } from '../../session/session.js';
import type { Clock, Timer } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { ChatServer } from '../chat-server.js';
import { ChannelStream } from './channel-stream.js';
import { SshAuth } from './ssh-auth.js';

/** What every SSH connection of a server shares. */
export interface SshClientDeps {
  readonly server: ChatServer;
  readonly accounts: Accounts;
  readonly commands: ReadonlyMap<string, CommandSpec>;
  readonly config: ServerConfig;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** Chat sessions one SSH connection may have open at once (OpenSSH opens one; multiplexing more). */
export const MAX_CHANNELS = 4;

/** The variables a client may pass (`SendEnv`, `SetEnv`) that mean something here. */
const KEPT_ENV = new Set(['TERM', 'NO_COLOR']);

/** How far an SSH connection got: said in the log line of one that ended before logging in. */
type Stage = 'identification' | 'key exchange' | 'authentication' | 'logged in';

/** ssh2 leaves out the reply functions of requests that want no reply (its types do not say so). */
function answer(reply: (() => void) | undefined): void {
  reply?.();
}

/**
 * One SSH connection, from the TCP accept on: it holds a connection slot until its socket
 * closes, must log in within --login-timeout (and, once in, open a chat session within it
 * again whenever it has none), authenticates (ssh-auth.ts), and opens a chat session for
 * each shell or exec request on its channels.
 */
export class SshClient {
  private stage: Stage = 'identification';
  private readonly auth: SshAuth;
  private readonly sessions = new Set<Session>();
  private timer: Timer | undefined;
  private gone = false;
  private connection: Connection | undefined;

  constructor(
    private readonly socket: Socket,
    readonly address: string,
    private readonly deps: SshClientDeps,
  ) {
    this.auth = new SshAuth({
      accounts: deps.accounts,
      logger: deps.logger,
      host: hostOf(address),
      maxFailures: deps.config.maxLoginFailures,
      giveUp: () => {
        // With a DISCONNECT the client knows it was turned away.
        if (this.connection) this.connection.end();
        else this.socket.end();
      },
    });
    socket.setNoDelay(true);
    socket.on('close', () => {
      this.closed();
    });
    this.waitForSession();
  }

  /** The client sent its SSH identification: ssh2 now has a connection object for it. */
  identified(connection: Connection): void {
    this.stage = 'key exchange';
    this.connection = connection;
    connection.on('error', (error: Error) => {
      this.deps.logger.debug('ssh.connection_error', { address: this.address, stage: this.stage, error: error.message });
    });
    connection.on('handshake', () => {
      if (this.stage === 'key exchange') this.stage = 'authentication';
    });
    connection.on('authentication', (ctx) => {
      this.auth.handle(ctx);
    });
    connection.on('ready', () => {
      this.stage = 'logged in';
    });
    connection.on('session', (accept, reject) => {
      const login = this.auth.login;
      if (!login || this.sessions.size >= MAX_CHANNELS) reject();
      else this.channel(accept(), login);
    });
  }

  /** Ends the connection at once. */
  destroy(): void {
    this.socket.destroy();
  }

  /** The server is closing: a connection ends at once, or once its sessions have said goodbye. */
  serverClosing(): void {
    if (this.sessions.size === 0) this.destroy();
  }

  /** A session channel: a terminal, variables, then a shell or a command. */
  private channel(ssh: SshSession, login: SshLogin): void {
    let pty: PseudoTtyInfo | undefined;
    const env: Record<string, string> = {};
    let terminal: TerminalSession | undefined;
    ssh.on('pty', (accept, _reject, info) => {
      pty = info;
      answer(accept);
    });
    ssh.on('env', (accept, reject, info) => {
      if (!KEPT_ENV.has(info.key)) {
        answer(reject);
        return;
      }
      env[info.key] = info.val.slice(0, 64);
      answer(accept);
    });
    ssh.on('window-change', (accept, _reject, info) => {
      if (terminal) terminal.resize(info.cols);
      else if (pty) pty.cols = info.cols;
      answer(accept);
    });
    ssh.on('shell', (accept) => {
      const stream = new ChannelStream(accept());
      if (pty) {
        const info = { width: pty.cols, env: { TERM: pty.term, NO_COLOR: env.NO_COLOR } };
        terminal = this.open(stream, (id, deps) => new TerminalSession(id, stream, this.address, deps, login, info));
      } else {
        this.open(stream, (id, deps) => new SshLineSession(id, stream, this.address, deps, login));
      }
    });
    ssh.on('exec', (accept, _reject, info) => {
      const stream = new ChannelStream(accept());
      this.open(stream, (id, deps) => new ExecSession(id, stream, this.address, deps, login, info.command, stream));
    });
  }

  /** Opens a chat session on a channel; the connection then has no time limit until its last session ends. */
  private open<S extends SshLineSession>(stream: ChannelStream, make: (id: number, deps: LineSessionDeps) => S): S | undefined {
    const { accounts, commands } = this.deps;
    const session = this.deps.server.openWithin(stream, (id, deps: SessionDeps) => make(id, { ...deps, accounts, commands }));
    if (!session) return undefined;
    this.sessions.add(session);
    this.stopTimer();
    stream.once('close', () => {
      this.sessions.delete(session);
      if (this.sessions.size > 0) return;
      if (this.deps.server.state === 'running') this.waitForSession();
      else this.destroy();
    });
    session.start();
    return session;
  }

  /** A connection with no chat session (not logged in yet, or all its sessions ended) is closed after --login-timeout. */
  private waitForSession(): void {
    if (this.gone) return;
    this.stopTimer();
    const { clock, config, logger } = this.deps;
    this.timer = clock.setTimeout(() => {
      this.timer = undefined;
      logger.info('ssh.timeout', { address: this.address, stage: this.stage });
      this.socket.destroy();
    }, config.loginTimeoutMs);
    this.timer.unref?.();
  }

  private stopTimer(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private closed(): void {
    this.gone = true;
    this.stopTimer();
    this.deps.server.release(this.address);
    const { logger } = this.deps;
    if (this.stage !== 'logged in') {
      logger.info('ssh.handshake_failed', { address: this.address, stage: this.stage, bytesRead: this.socket.bytesRead });
    } else {
      logger.info('ssh.disconnect', { address: this.address, nick: this.auth.login?.record.nick });
    }
  }
}
