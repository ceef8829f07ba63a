import { Duplex } from 'node:stream';
import type { ServerChannel } from 'ssh2';

/**
 * An SSH channel as the plain duplex stream a session expects of a socket. ssh2's channel
 * emits `close` only once the client has answered our close (and its `destroy` only asks
 * for that), so a client that stops answering would hold its session, and a shutdown
 * waiting for it, for ever; this stream closes when it is destroyed, like a socket.
 * Backpressure goes both ways: a paused reader pauses the channel (the SSH window then
 * stops the client), and writes wait for the channel's callback.
 */
export class ChannelStream extends Duplex {
  private exitSent = false;

  constructor(private readonly channel: ServerChannel) {
    // Half-open like the plain listener: a script's input may end before its answers are written.
    super({ allowHalfOpen: true });
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.on('end', () => this.push(null));
    channel.on('close', () => this.destroy());
    channel.on('error', (error: Error) => this.destroy(error));
    channel.stderr.on('error', () => undefined);
  }

  /** The command's exit status (exec): sent before our side of the channel ends. */
  exit(code: number): void {
    if (this.writableEnded || this.exitSent) return;
    this.exitSent = true;
    this.channel.exit(code);
  }

  /** Text for the client's stderr (exec), beside the bytes of stdout. */
  writeStderr(text: string): void {
    if (!this.writableEnded && !this.destroyed) this.channel.stderr.write(text);
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.channel.write(chunk, () => {
      done();
    });
  }

  override _final(done: (error?: Error | null) => void): void {
    // A session that ends as it should exits 0 unless it said otherwise (ssh exits 255 without a status).
    if (!this.exitSent) this.channel.exit(0);
    this.exitSent = true;
    this.channel.end();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    // ssh2's destroy: end our side and close the channel, if not done already.
    this.channel.destroy();
    done(error);
  }
}
