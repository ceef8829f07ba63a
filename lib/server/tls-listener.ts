import fs from 'node:fs';
import type tls from 'node:tls';
import type { TlsConfig } from '../config.js';
import type { Logger } from '../util/logger.js';
import type { FrontEnd } from '../session/front-end.js';
import type { ChatServer } from './chat-server.js';

function readPem(file: string, flag: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read ${flag} ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * The line protocol (`--tls-port`) or IRC (`--irc-tls-port`) over TLS: a TLS socket is a duplex stream like any
 * other, so once the handshake is done it goes to the chat server as a plain one would.
 * Throws, naming the flag, when the certificate or key cannot be read or used. node:tls is
 * loaded here, not at start: a server without TLS ports is ~1 MB smaller without it.
 */
export async function createTlsListener(server: ChatServer, config: TlsConfig, logger: Logger, frontEnd?: FrontEnd): Promise<tls.Server> {
  const { createServer } = await import('node:tls');
  const cert = readPem(config.certFile, '--tls-cert');
  const key = readPem(config.keyFile, '--tls-key');
  let listener: tls.Server;
  try {
    listener = createServer({ cert, key, noDelay: true }, (socket) => {
      // Half-open like the plain listener (a script's input may end before its answers are
      // written), but only from here: a session now owns the socket and ends it. Before the
      // handshake is done nobody would, and a client giving up there would stay open.
      socket.allowHalfOpen = true;
      server.accept(socket, frontEnd);
    });
  } catch (error) {
    throw new Error(`cannot use --tls-cert ${config.certFile} with --tls-key ${config.keyFile}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  // A client that fails the handshake (plain text on the TLS port, say) only costs its own connection.
  listener.on('tlsClientError', (error, socket) => {
    logger.debug('tls.handshake_failed', { address: socket.remoteAddress, error: error.message });
    socket.destroy();
  });
  return listener;
}
