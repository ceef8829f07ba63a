import { expect } from 'chai';
import { useTestServer } from '../helpers/test-server.js';

const KIB = 1024;
const MB = 1024 * KIB;

/** The sizes where buffers turn over: a byte, around the 64 KiB write buffer, a megabyte, the limit. */
const SIZES = [1, 64 * KIB - 1, 64 * KIB, 64 * KIB + 1, MB, 5 * MB];

function body(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

describe('a session after uploads of every size', function () {
  this.timeout(30_000);
  const ctx = useTestServer({ floodRate: 0 });

  it('goes on answering commands sent right behind each upload, several uploads in a row', async function () {
    const uploader = await ctx.server.login('uploader');
    for (const [i, size] of SIZES.entries()) {
      // The next command is in the same write as the file's last bytes, as a script would send it.
      uploader.writeRaw(Buffer.concat([Buffer.from(`/upload f${i}.bin ${size}\n`), body(size, i), Buffer.from('/whois uploader\n')]));
      await uploader.waitFor(new RegExp(`sent file [0-9a-z]{8}: f${i}\\.bin `), 10_000);
      expect(await uploader.waitFor(/^-- +status: +online/, 5000), `after ${size} bytes`).to.match(/online/);
    }
  });

  it('reads a command that comes after the upload in a later write', async function () {
    const uploader = await ctx.server.login('uploader');
    for (const [i, size] of [64 * KIB, 100_000, 262_144].entries()) {
      uploader.writeRaw(Buffer.concat([Buffer.from(`/upload g${i}.bin ${size}\n`), body(size, i)]));
      await uploader.waitFor(new RegExp(`sent file [0-9a-z]{8}: g${i}\\.bin `), 10_000);
      uploader.write('/whois uploader');
      await uploader.waitFor(/^-- +status: +online/, 5000);
    }
  });
});
