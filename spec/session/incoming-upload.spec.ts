import { Writable } from 'node:stream';
import { expect } from 'chai';
import { ChatError } from '../../lib/chat/errors.js';
import { IncomingUpload, type InputFlow } from '../../lib/session/incoming-upload.js';

/** A disk that takes its time: every write completes a little later, with a small buffer. */
class SlowDisk extends Writable {
  readonly chunks: Buffer[] = [];

  constructor() {
    super({ highWaterMark: 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    setTimeout(() => {
      this.chunks.push(chunk);
      callback();
    }, 1);
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** The connection's side: counts holds, as the session does, and says when reading may go on. */
class Flow implements InputFlow {
  holds = 0;
  private waiting: (() => void) | undefined;

  holdInput(): void {
    this.holds++;
  }

  releaseInput(): void {
    this.holds--;
    if (this.holds === 0) this.waiting?.();
  }

  /** Resolves once nothing holds input (at once if nothing does). */
  reading(): Promise<void> {
    if (this.holds === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting = () => {
        this.waiting = undefined;
        resolve();
      };
    });
  }
}

function bytes(size: number): Buffer {
  return Buffer.from(Array.from({ length: size }, (_, i) => (i * 7) & 0xff));
}

/** Hands the body over as a socket would: a chunk, then the next only when input is not held. */
async function feed(upload: IncomingUpload, flow: Flow, body: Buffer, chunk: number): Promise<void> {
  for (let pos = 0; pos < body.length; pos += chunk) {
    await flow.reading();
    upload.receive(body.subarray(pos, pos + chunk));
  }
  upload.end();
}

describe('an upload written to a slow disk', function () {
  for (const size of [1, 4095, 4096, 4097, 100_000]) {
    it(`writes all ${size} bytes and lets input go once the last one is in, accepted before the bytes come`, async function () {
      const flow = new Flow();
      const disk = new SlowDisk();
      const body = bytes(size);
      const upload = new IncomingUpload(size, flow, () => disk);
      const done = upload.accept('unused');
      await feed(upload, flow, body, 4096);
      expect(flow.holds, 'input held after the last byte').to.equal(0);
      await done;
      expect(disk.bytes.equals(body)).to.equal(true);
      expect(upload.settled).to.equal(true);
    });
  }

  it('lets input go when every byte came before the command accepted the upload', async function () {
    const flow = new Flow();
    const disk = new SlowDisk();
    const body = bytes(50_000);
    const upload = new IncomingUpload(body.length, flow, () => disk);
    expect(flow.holds, 'held until the command decides').to.equal(1);
    upload.receive(body);
    upload.end();
    const done = upload.accept('unused');
    expect(flow.holds).to.equal(0);
    await done;
    expect(disk.bytes.equals(body)).to.equal(true);
  });

  it('refuses to be accepted once the connection has gone, as an incomplete upload rather than a failure of the server', async function () {
    const upload = new IncomingUpload(10, new Flow(), () => new SlowDisk());
    upload.abort();
    const outcome = await upload.accept('unused').then(
      () => 'accepted',
      (error: unknown) => (error instanceof ChatError ? error.code : String(error)),
    );
    expect(outcome).to.equal('UPLOAD_INCOMPLETE');
  });

  it('lets input go when an upload held back by the disk is discarded', async function () {
    const flow = new Flow();
    const disk = new SlowDisk();
    const upload = new IncomingUpload(100_000, flow, () => disk);
    const done = upload.accept('unused');
    upload.receive(bytes(10_000));
    expect(flow.holds).to.equal(1);
    upload.discard();
    expect(flow.holds).to.equal(0);
    await done.then(
      () => expect.fail('a discarded upload is not kept'),
      (error: unknown) => expect(error).to.be.instanceOf(Error),
    );
  });
});
