import { expect } from 'chai';
import { format } from 'date-fns/format';
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { formatDuration } from 'date-fns/formatDuration';
import { intervalToDuration } from 'date-fns/intervalToDuration';
import { isSameDay as dateFnsSameDay } from 'date-fns/isSameDay';
import fc from 'fast-check';
import { distanceText, formatDate, formatSpan, isSameDay } from '../../lib/util/date-text.js';

const LAYOUTS = ['yyyy-MM-dd', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd HH:mm:ss xxx', 'yyyy-MM-dd HH:mm:ss.SSS', "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", "yyyy-MM-dd'T'HH:mm", 'MMM d HH:mm', 'HH:mm'];
const DAY = 86_400_000;
/** 1990 to 2060: what a chat server shows. */
const when = fc.integer({ min: 631_152_000_000, max: 2_871_763_200_000 });
/** Up to two years, weighted to the short spans most texts are about. */
const span = fc.oneof(fc.integer({ min: 0, max: 2 * DAY }), fc.integer({ min: 0, max: 800 * DAY }));

/** Each case in a zone without summer time, one with it, and one a half hour off UTC. */
for (const [zone, offsetAtEpoch] of [['UTC', '+00:00'], ['Europe/Berlin', '+01:00'], ['America/St_Johns', '-03:30']] as const) {
  describe(`dates as text, in ${zone}`, function () {
    let saved: string | undefined;
    before(function () {
      saved = process.env.TZ;
      process.env.TZ = zone;
    });
    after(function () {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('lays out every pattern the server uses as date-fns does', function () {
      expect(formatDate(0, 'xxx'), 'the zone is in force').to.equal(offsetAtEpoch);
      fc.assert(fc.property(when, (at) => {
        for (const layout of LAYOUTS) expect(formatDate(at, layout), layout).to.equal(format(at, layout));
      }));
    });
    it('tells calendar days apart as date-fns does', function () {
      fc.assert(fc.property(when, fc.integer({ min: -2 * DAY, max: 2 * DAY }), (at, delta) => {
        expect(isSameDay(at, at + delta)).to.equal(dateFnsSameDay(at, at + delta));
      }));
    });
    it('words the distance between two times as date-fns does, with and without "in"/"ago"', function () {
      fc.assert(fc.property(when, span, fc.boolean(), (now, distance, future) => {
        const at = future ? now + distance : now - distance;
        expect(distanceText(at, now)).to.equal(formatDistanceStrict(at, now));
        expect(distanceText(at, now, true)).to.equal(formatDistanceStrict(at, now, { addSuffix: true }));
      }));
    });
    if (zone === 'Europe/Berlin') {
      it('counts days as the clock shows them across the night clocks go back', function () {
        // 26 to 28 October 2024: the clocks went back an hour on the 27th, so 2 days 12 1/2 hours
        // passed while the clock moved 2 days 11 1/2 hours.
        const from = new Date(2024, 9, 26, 0, 0).getTime();
        const to = new Date(2024, 9, 28, 11, 30).getTime();
        expect(to - from).to.equal((2 * 24 + 12.5) * 3_600_000);
        expect(distanceText(to, from, true)).to.equal('in 2 days');
        expect(distanceText(from, to, true)).to.equal('2 days ago');
      });
    }
    // Past four weeks, only from a 1 January midnight (UTC's epoch): from St John's 31 December
    // 20:30, date-fns says "2 years 2 months -1 days -20 hours -30 minutes" for 788 days.
    it(`words a length of time as date-fns does${zone === 'UTC' ? '' : ', up to four weeks'}`, function () {
      fc.assert(fc.property(zone === 'UTC' ? span : fc.integer({ min: 0, max: 28 * DAY }), (ms) => {
        expect(formatSpan(ms)).to.equal(formatDuration(intervalToDuration({ start: 0, end: ms })));
      }));
    });
  });
}

describe('dates as text, by example', function () {
  it('words the spans people set', function () {
    expect(formatSpan(15 * 60_000)).to.equal('15 minutes');
    expect(formatSpan(36 * 3_600_000)).to.equal('1 day 12 hours');
    expect(formatSpan(1000)).to.equal('1 second');
    expect(formatSpan(999)).to.equal('');
  });
  it('says which way a time lies', function () {
    expect(distanceText(3 * 3_600_000, 0, true)).to.equal('in 3 hours');
    expect(distanceText(0, 90_000, true)).to.equal('2 minutes ago');
    expect(distanceText(5, 5, true)).to.equal('0 seconds ago');
  });
});
