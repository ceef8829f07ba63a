import { expect } from 'chai';
import { watchUpload, type UploadStall } from '../../lib/session/upload-watch.js';
import { fakeClock } from '../helpers/fake-clock.js';

function watch(size: number, paused: () => boolean = () => false) {
  const clock = fakeClock(0);
  const stalls: UploadStall[] = [];
  const upload = watchUpload(clock, { stallMs: 60_000, size, isPaused: paused, onStall: (reason) => stalls.push(reason) });
  return { clock, stalls, upload };
}

describe('upload watch', function () {
  it('gives up after the stall time with no byte, once, leaving no timer', function () {
    const { clock, stalls, upload } = watch(100 * 1024 * 1024);
    clock.tick(30_000);
    upload.touch();
    clock.tick(59_999);
    expect(stalls).to.deep.equal([]);
    clock.tick(1);
    expect(stalls).to.deep.equal(['stalled']);
    expect(clock.pending()).to.equal(0);
  });

  it('gives up on an upload that trickles a byte a second, once past the stall time plus a kilobyte a second of its size', function () {
    const { clock, stalls, upload } = watch(100 * 1024);
    while (stalls.length === 0 && clock.now() < 300_000) {
      clock.tick(1000);
      upload.touch();
    }
    // 60 s + 100 s for 100 KiB.
    expect(stalls).to.deep.equal(['too-slow']);
    expect(clock.now()).to.equal(160_000);
  });

  it('does not count time the server was not reading', function () {
    let paused = true;
    const { clock, stalls } = watch(1000, () => paused);
    clock.tick(10 * 60_000);
    expect(stalls).to.deep.equal([]);
    paused = false;
    clock.tick(60_000);
    expect(stalls).to.deep.equal(['stalled']);
  });

  it('stops without firing', function () {
    const { clock, stalls, upload } = watch(1000);
    upload.stop();
    clock.tick(10 * 60_000);
    expect(stalls).to.deep.equal([]);
    expect(clock.pending()).to.equal(0);
  });
});
