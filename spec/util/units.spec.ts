import { expect } from 'chai';
import { parseDuration, parseSize } from '../../lib/util/units.js';

describe('durations and sizes typed by people', function () {
  it('reads 90s, 10m, 4h, 1d and 1w, and a bare number as seconds', function () {
    expect(parseDuration('90s')).to.equal(90_000);
    expect(parseDuration('10m')).to.equal(600_000);
    expect(parseDuration('4h')).to.equal(14_400_000);
    expect(parseDuration('1d')).to.equal(86_400_000);
    expect(parseDuration('1w')).to.equal(604_800_000);
    expect(parseDuration('1.5h')).to.equal(5_400_000);
    expect(parseDuration('30')).to.equal(30_000);
    expect(parseDuration('250ms')).to.equal(250);
  });
  it('refuses what is not a duration', function () {
    for (const text of ['', 'h', '-5m', '5 years', '5x']) expect(parseDuration(text), text).to.equal(undefined);
  });
  it('reads sizes in bytes, kb and mb', function () {
    expect(parseSize('4096')).to.equal(4096);
    expect(parseSize('8kb')).to.equal(8192);
    expect(parseSize('5MB')).to.equal(5 * 1024 * 1024);
    expect(parseSize('lots')).to.equal(undefined);
  });
});
