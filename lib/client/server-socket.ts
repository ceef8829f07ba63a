import net from 'node:net';
import tls from 'node:tls';
import { DEFAULT_DOWNLOAD_DIR, DownloadReceiver } from './file-download.js';
import { UploadSender } from './file-upload.js';

export interface ServerAddress {
  host: string;
  port: number;
  /** Connect over TLS: `ca` trusts a certificate such as a self-signed one; `insecure` skips the check. */
  tls?: { ca?: Buffer; insecure?: boolean };
  /** Where /download saves files; default ./downloads. */
  downloadDir?: string;
}

/** What one connection tells the client. */
export interface ServerSocketEvents {
  /** Connected (over TLS: the handshake and the certificate check passed). */
  connected(): void;
  /** Bytes that are not file bytes, as they came. */
  received(bytes: Buffer): void;
  /** A line of the client's own, about a file going out or coming in. */
  notice(text: string): void;
  error(error: NodeJS.ErrnoException): void;
  /** The connection is gone, and a file that was coming in is complete on disk. */
  closed(): void;
}

/** One connection to the server, with the files going out on it and coming in from it. */
export interface ServerSocket {
  socket: net.Socket;
  uploads: UploadSender;
  downloads: DownloadReceiver;
}

export function openServerSocket(address: ServerAddress, events: ServerSocketEvents): ServerSocket {
  const { host, port, tls: secure } = address;
  const socket: net.Socket = secure ? tls.connect({ host, port, ca: secure.ca, rejectUnauthorized: secure.insecure !== true }) : net.connect({ host, port });
  // Lines are typed one at a time; waiting to batch them (Nagle) only adds lag.
  socket.setNoDelay(true);
  socket.once(secure ? 'secureConnect' : 'connect', () => {
    events.connected();
  });
  const uploads = new UploadSender(socket, (text) => {
    events.notice(text);
  });
  const downloads = new DownloadReceiver({
    dir: address.downloadDir ?? DEFAULT_DOWNLOAD_DIR,
    notice: (text) => {
      events.notice(text);
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
  });
  socket.on('data', (chunk: Buffer) => {
    // File bytes after a `-- file` line go to disk; the rest is text.
    events.received(downloads.push(chunk));
  });
  socket.on('error', (error) => {
    events.error(error);
  });
  socket.on('close', () => {
    downloads.connectionClosed();
    // A file still being written is finished before the client goes on.
    void downloads.idle().then(() => {
      events.closed();
    });
  });
  return { socket, uploads, downloads };
}
