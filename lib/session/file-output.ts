import type { FileHandle } from 'node:fs/promises';

/** The socket, written directly while a file is being sent (other output waits meanwhile). */
export interface RawSink {
  readonly closed: boolean;
  /** false: the socket's buffer is full; wait for `drained` before writing more. */
  write(bytes: Buffer): boolean;
  /** Resolves when the socket can take more, or has closed. */
  drained(): Promise<void>;
}

/** Read and written at a time: one file chunk in memory per download. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Copies exactly `size` bytes of the file to the sink with backpressure: a slow reader
 * slows the copy down instead of filling memory. Throws if the connection closes or the
 * file turns out shorter than `size`; the framing is lost then, so the caller must end the
 * connection.
 */
export async function copyFile(file: FileHandle, size: number, sink: RawSink): Promise<void> {
  let sent = 0;
  while (sent < size) {
    if (sink.closed) throw new Error(`connection closed after ${sent} of ${size} bytes of a file`);
    // A fresh buffer each time: the socket may still hold the previous one.
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, size - sent));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, sent);
    if (bytesRead === 0) throw new Error(`file ended after ${sent} of ${size} bytes`);
    sent += bytesRead;
    if (!sink.write(buffer.subarray(0, bytesRead))) await sink.drained();
  }
}
