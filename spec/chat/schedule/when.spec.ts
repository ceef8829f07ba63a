import { expect } from 'chai';
import { parseWhen } from '../../../lib/chat/schedule/when.js';

const now = new Date(2026, 10, 23, 12, 0, 0).getTime();

describe('reading when a scheduled message is due', function () {
  it('reads a delay from now', function () {
    expect(parseWhen('+10m', now)).to.equal(now + 600_000);
    expect(parseWhen('+2h', now)).to.equal(now + 7_200_000);
    expect(parseWhen('+90s', now)).to.equal(now + 90_000);
  });
  it('reads a time of day as its next occurrence, today or tomorrow', function () {
    expect(parseWhen('14:30', now)).to.equal(new Date(2026, 10, 23, 14, 30).getTime());
    expect(parseWhen('09:05', now)).to.equal(new Date(2026, 10, 24, 9, 5).getTime());
    expect(parseWhen('12:00', now)).to.equal(new Date(2026, 10, 24, 12, 0).getTime());
  });
  it('reads an ISO date-time, in local time unless it names a zone', function () {
    expect(parseWhen('2026-12-24T18:00', now)).to.equal(new Date(2026, 11, 24, 18, 0).getTime());
    expect(parseWhen('2026-12-24T18:00:00Z', now)).to.equal(Date.UTC(2026, 11, 24, 18, 0));
  });
  it('refuses a delay that ends past the last date there is', function () {
    for (const text of ['+99999999d', '+999999999999999999999h', '+100000000000000000ms']) {
      expect(parseWhen(text, now), text).to.equal(undefined);
    }
    // The last date JavaScript can show is in the year 275760: a long delay short of it is still a time.
    expect(parseWhen('+99999d', now)).to.equal(now + 99_999 * 86_400_000);
  });
  it('refuses what is not a time', function () {
    for (const text of ['soon', '+', '+0m', '25:00', '12:61', '2026-13-45T10:00', 'tomorrow']) {
      expect(parseWhen(text, now), text).to.equal(undefined);
    }
  });
});
