import { expect } from 'chai';
import { ircSend } from '../helpers/irc-client.js';
import { useTestServer } from '../helpers/test-server.js';

const ID = /\[([0-9a-z]{7})\]/;

describe('search, edits and deletions seen from IRC', function () {
  const ctx = useTestServer({ ircPort: 0, searchPageSize: 2 });

  it('answers /search and /history pages through *server*, the next page asked for the same way', async function () {
    const telnet = await ctx.server.login('alice');
    for (const n of [1, 2, 3]) {
      telnet.write(`deploy number ${n}`);
      await telnet.waitFor(new RegExp(`<alice> deploy number ${n}$`));
    }
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw' });
    ircSend(irc, 'PRIVMSG *server* :search deploy');
    await irc.waitFor(/NOTICE bob :search for "deploy": 2 messages, newest first:$/);
    expect(await irc.waitFor(/NOTICE bob :\[.*deploy number/)).to.match(/#general <alice> deploy number 3$/);
    const more = /NOTICE bob :end of search; more: \/msg \*server\* (search deploy --page 2)$/.exec(await irc.waitFor(/NOTICE bob :end of search/));
    expect(more, 'the line that gets the next page').to.not.equal(null);
    ircSend(irc, `PRIVMSG *server* :${more?.[1] ?? ''}`);
    await irc.waitFor(/NOTICE bob :search for "deploy", page 2: 1 message, newest first:$/);
    await irc.waitFor(/#general <alice> deploy number 1$/);
    ircSend(irc, 'PRIVMSG *server* :history 2 #general');
    await irc.waitFor(/NOTICE bob :history: 2 messages of #general:$/);
    await irc.waitFor(/<alice> deploy number 2$/);
    await irc.waitFor(/<alice> deploy number 3$/);
    await irc.waitFor(/NOTICE bob :end of history$/);
    ircSend(irc, 'PRIVMSG *server* :search nothing-like-this');
    await irc.waitFor(/NOTICE bob :no messages found for "nothing-like-this"$/);
  });

  it('shows an edited message again, marked, and tells the channel of a deletion', async function () {
    const telnet = await ctx.server.login('alice');
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw' });
    telnet.write('teh plan');
    const id = ID.exec(await telnet.waitFor(/<alice> teh plan$/))?.[1] ?? '?';
    await irc.waitFor(/PRIVMSG #general :teh plan$/);
    telnet.write(`/edit ${id} the plan`);
    await irc.waitFor(/PRIVMSG #general :the plan$/);
    ircSend(irc, 'PRIVMSG *server* :history 1 #general');
    await irc.waitFor(new RegExp(`\\[${id}\\] #general <alice> \\(edited\\) the plan$`));
    telnet.write(`/delete ${id}`);
    expect(await irc.waitFor(/ NOTICE #general :/)).to.match(new RegExp(`NOTICE #general :alice deleted \\[${id}\\]$`));
  });
});
