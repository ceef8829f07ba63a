import { expect } from 'chai';
import { ANYONE_MAY_REPORT, useTestServer } from '../helpers/test-server.js';

/** The lines a client got, without the catch-up before its first message. */
function after(lines: readonly string[], first: RegExp): string[] {
  const start = lines.findIndex((line) => first.test(line));
  return start === -1 ? [] : lines.slice(start);
}

describe('answers in the order the lines were sent', function () {
  const ctx = useTestServer({ floodRate: 0, ...ANYONE_MAY_REPORT, banThreshold: 3 });

  it('shows the refusal of a message after the echoes of the messages typed before it', async function () {
    const alice = await ctx.server.login('alice');
    alice.writeRaw('one\ntwo\nthree\n\x07\x07\nfour\n');
    await alice.waitFor(/<alice> four$/);
    const lines = after(alice.lines(), /<alice> one$/).map((line) => line.replace(/^.*<alice> /, ''));
    expect(lines).to.deep.equal(['one', 'two', 'three', 'ERROR EMPTY_MESSAGE: There is nothing to send (control characters are removed).', 'four']);
  });

  it('says a line was too long after the answers to the lines before it', async function () {
    const client = await ctx.server.connect();
    client.writeRaw(`/login bob pw\n${'x'.repeat(5000)}\n/quit\n`);
    await client.waitClosed();
    const lines = client.lines();
    const welcome = lines.findIndex((line) => line.startsWith('-- welcome, bob!'));
    const tooLong = lines.findIndex((line) => line.startsWith('ERROR LINE_TOO_LONG'));
    expect(welcome, lines.join('\n')).to.be.greaterThan(-1);
    expect(tooLong, lines.join('\n')).to.be.greaterThan(welcome);
    expect(lines.findIndex((line) => line === '-- bye!')).to.be.greaterThan(tooLong);
  });

  it('tells the reporter the outcome of a report before the ban is announced in the room', async function () {
    const mallory = await ctx.server.login('mallory');
    void mallory;
    for (const nick of ['r1', 'r2']) {
      const reporter = await ctx.server.login(nick);
      reporter.write('/ban mallory');
      await reporter.waitFor(/^-- you reported mallory/);
    }
    const third = await ctx.server.login('r3');
    third.write('/ban mallory');
    await third.waitFor(/was reported by 3 users/);
    const lines = third.lines();
    const reported = lines.findIndex((line) => line.startsWith('-- you reported mallory'));
    const announced = lines.findIndex((line) => /mallory was reported by 3 users/.test(line));
    expect(reported, lines.join('\n')).to.be.greaterThan(-1);
    expect(announced).to.be.greaterThan(reported);
  });
});
