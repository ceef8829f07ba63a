import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { fakeClock } from '../helpers/fake-clock.js';
import { useTestServer, type TestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait-until.js';

/** Bytes of uploads in progress, as they reach the disk. */
function tempBytes(server: TestServer): number {
  const dir = path.join(server.config.dataDir, 'files', 'tmp');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
}

function tempFiles(server: TestServer): string[] {
  const dir = path.join(server.config.dataDir, 'files', 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe('uploads and time', function () {
  const clock = fakeClock();
  const ctx = useTestServer({ idleTimeoutMs: 5000, uploadStallMs: 60_000, floodRate: 0 }, { clock });

  it('counts upload bytes as activity: a slow upload outlives the idle timeout', async function () {
    const alice = await ctx.server.login('alice');
    alice.writeRaw('/upload slow.bin 30000\n');
    for (const sent of [10_000, 20_000]) {
      alice.writeRaw(Buffer.alloc(10_000, 1));
      await waitUntil(() => tempBytes(ctx.server) >= sent, 3000, `${sent} bytes on disk`);
      // Three seconds between chunks: past the five-second idle timeout in all.
      await clock.advance(3000);
    }
    alice.writeRaw(Buffer.alloc(10_000, 1));
    await alice.waitFor(/sent file [0-9a-z]{8}: slow\.bin /);
    expect(alice.closed).to.equal(false);
  });

  it('still closes a connection whose upload goes quiet for longer than the idle timeout', async function () {
    const alice = await ctx.server.login('alice', 'pw');
    const bob = await ctx.server.login('bob');
    // Bob keeps talking, so only the upload is quiet.
    alice.writeRaw(Buffer.concat([Buffer.from('/upload stuck.bin 50000\n'), Buffer.alloc(20_000, 2)]));
    await waitUntil(() => tempBytes(ctx.server) >= 20_000, 3000, 'the first bytes on disk');
    await clock.advance(4000);
    bob.write('still here');
    await clock.advance(4000);
    expect(alice.closed, 'upload bytes count, but 8 s of nothing is past the idle timeout').to.equal(true);
    expect(alice.all).to.match(/no input for 5 s/);
  });

  describe('with no idle timeout', function () {
    const clock2 = fakeClock();
    const ctx2 = useTestServer({ uploadStallMs: 60_000, floodRate: 0 }, { clock: clock2 });

    it('abandons an upload with no byte for the stall time, removes its bytes, and the user can come back and send it', async function () {
      const alice = await ctx2.server.login('alice');
      alice.writeRaw(Buffer.concat([Buffer.from('/upload stuck.bin 50000\n'), Buffer.alloc(20_000, 2)]));
      await waitUntil(() => tempBytes(ctx2.server) >= 20_000, 3000, 'the first bytes on disk');
      await clock2.advance(59_000);
      expect(alice.closed).to.equal(false);
      await clock2.advance(1000);
      expect(await alice.waitFor(/^ERROR /)).to.equal('ERROR UPLOAD_STALLED: No byte of the file came for 60 s; the upload was abandoned and nothing was kept. Send it again.');
      await alice.waitClosed();
      await waitUntil(() => tempFiles(ctx2.server).length === 0, 3000, 'the partial file removed');
      const again = await ctx2.server.login('alice');
      again.writeRaw(Buffer.concat([Buffer.from('/upload stuck.bin 3\n'), Buffer.from('abc')]));
      await again.waitFor(/sent file [0-9a-z]{8}: stuck\.bin /);
    });
  });
});
