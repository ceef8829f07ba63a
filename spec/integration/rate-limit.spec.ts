import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { TestServer } from '../helpers/test-server.js';

/** The tests read times such as `16:00 (in 4 hours)`, so they start at a known local time. */
const NOON = new Date(2026, 10, 23, 12, 0, 0).getTime();

describe('the rate limit on general', function () {
  let clock: FakeClock;
  let server: TestServer;

  afterEach(async function () {
    await server.stop();
  });

  it('refuses the message over the limit with how many are allowed and when the count resets, across sessions and restarts', async function () {
    clock = fakeClock(new Date(2026, 10, 23, 12, 30, 0).getTime());
    server = await TestServer.start({ rateLimit: 3, rateWindowMs: 3_600_000 }, { clock });
    const alice = await server.login('alice');
    const alice2 = await server.login('alice');
    for (const text of ['one', 'two']) {
      alice.write(text);
      await alice.waitFor(new RegExp(`<alice> ${text}$`));
    }
    await server.restart();
    const again = await server.login('alice');
    again.write('three');
    await again.waitFor(/<alice> three$/);
    again.write('four');
    await again.waitFor(/^ERROR RATE_LIMITED: You can send 3 messages per 1 hour to #general; the count resets at 13:00 \(in 30 minutes\)/);
    again.write('/send bob nope');
    await again.waitFor(/^ERROR NO_SUCH_USER/);
    again.write('/chats side');
    await again.waitFor(/now talking in #side/);
    again.write('other rooms are fine');
    await again.waitFor(/#side .*<alice> other rooms are fine$/);
    void alice2;
    await clock.advance(30 * 60_000);
    again.write('/chats general');
    await again.waitFor(/now talking in #general/);
    again.write('a new hour');
    await again.waitFor(/<alice> a new hour$/);
  });

  it('can be turned off with a limit of 0', async function () {
    clock = fakeClock(NOON);
    server = await TestServer.start({ rateLimit: 0, floodRate: 0 }, { clock });
    const alice = await server.login('alice');
    for (let i = 0; i < 25; i++) alice.write(`message ${i}`);
    await alice.waitFor(/<alice> message 24$/);
  });
});
