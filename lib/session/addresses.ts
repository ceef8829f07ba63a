import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** `127.0.0.1:5000` → `127.0.0.1`, `[::1]:5000` or `::1:5000` → `::1`. */
export function hostOf(address: string): string {
  return address.replace(/^\[?(.*?)\]?:\d+$/, '$1');
}

/** `host:port` where a client reached us (a socket's local end), else `fallback` (a stream that is no socket). */
export function localAddressOf(stream: Duplex, fallback: { host: string; port: number }): string {
  const socket = stream as Partial<Pick<Socket, 'localAddress' | 'localPort'>>;
  const host = socket.localAddress ?? fallback.host;
  const port = socket.localPort ?? fallback.port;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
