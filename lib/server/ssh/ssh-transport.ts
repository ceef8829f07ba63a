import net from 'node:net';
import type ssh2 from 'ssh2';
import { ssh2Loaded } from '../../auth/ssh2-module.js';
import { VERSION } from '../../config.js';
import { EOL, errorLine } from '../../protocol/line/wire.js';
import type { HostKey } from './host-key.js';
import { SshClient, type SshClientDeps } from './ssh-client.js';

/**
 * The chat over SSH (`--ssh-port`). Its own TCP listener admits each connection through
 * the chat server's limits (a slot per connection, held through the handshake, as a
 * plain connection holds one through its login) and hands the socket to ssh2, which
 * does the protocol and the cryptography; SshClient does the rest.
 */
export class SshTransport {
  readonly listener: net.Server;
  private readonly ssh: ssh2.Server;
  /** By remote address, until ssh2 has read the client's identification and made its connection. */
  private readonly waiting = new Map<string, SshClient>();
  private readonly clients = new Set<SshClient>();

  constructor(
    private readonly deps: SshClientDeps,
    readonly hostKey: HostKey,
  ) {
    this.ssh = new (ssh2Loaded().Server)({ hostKeys: [hostKey.key], ident: `chat-line_${VERSION}` }, (connection, info) => {
      const address = `${info.ip}:${info.port}`;
      const client = this.waiting.get(address);
      this.waiting.delete(address);
      if (client) client.identified(connection);
      else connection.end();
    });
    this.listener = net.createServer({ noDelay: true }, (socket) => {
      this.accept(socket);
    });
    deps.server.whenClosing(() => {
      for (const client of [...this.clients]) client.serverClosing();
    });
  }

  private accept(socket: net.Socket): void {
    const address = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    // A client that reset the connection already is simply gone; unheard, the error would crash the process.
    socket.on('error', () => undefined);
    const refusal = this.deps.server.admit(address);
    if (refusal !== undefined) {
      // Before the SSH identification a server may send lines of text: the client shows or logs them.
      socket.end(errorLine('TOO_MANY_CONNECTIONS', refusal) + EOL, () => socket.destroy());
      return;
    }
    const client = new SshClient(socket, address, this.deps);
    this.clients.add(client);
    this.waiting.set(address, client);
    socket.once('close', () => {
      this.clients.delete(client);
      if (this.waiting.get(address) === client) this.waiting.delete(address);
    });
    this.ssh.injectSocket(socket);
  }

  /** Ends every connection still open: after the chat server has closed the sessions on them. */
  close(): void {
    for (const client of [...this.clients]) client.destroy();
  }
}
