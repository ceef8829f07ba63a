import { expect } from 'chai';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import type { LineClient } from '../helpers/line-client.js';
import { said } from '../helpers/said.js';
import { TestServer } from '../helpers/test-server.js';

const NOON = new Date(2026, 10, 23, 12, 0, 0).getTime();

/** The lines of the next /search answer: its heading, message lines and end line (or the one "no messages" line). */
async function searchFor(client: LineClient, command: string): Promise<string[]> {
  client.write(command);
  const first = await client.waitFor(/^(-- search for|-- no (more )?messages found|ERROR)/);
  if (!first.startsWith('-- search for')) return [first];
  const lines = [first];
  for (;;) {
    const line = await client.waitFor(/^(\[|-- end of search)/);
    lines.push(line);
    if (line.startsWith('-- end of search')) return lines;
  }
}

describe('/search', function () {
  let clock: FakeClock;
  let server: TestServer;

  beforeEach(async function () {
    clock = fakeClock(NOON);
    // Fakelag runs on the test's clock too: off, since the clock only moves when told.
    server = await TestServer.start({ searchPageSize: 2, messageTtlMs: 3 * 3_600_000, floodRate: 0 }, { clock });
  });
  afterEach(async function () {
    await server.stop();
  });

  it('finds messages with every word where the user may read, newest first, with id, room, author and time', async function () {
    const alice = await server.login('alice');
    const bob = await server.login('bob');
    const carol = await server.login('carol');
    bob.write('/chats secret --private');
    await bob.waitFor(/now talking in #secret/);
    await said(bob, 'deploy friday in secret');
    carol.write('/send bob deploy friday between us');
    await bob.waitFor(/between us$/);
    const general = await said(alice, 'Deploy on Friday?');
    await clock.advance(60_000);
    alice.write('/send bob deploy friday, ok?');
    await bob.waitFor(/ok\?$/);
    const lines = await searchFor(alice, '/search friday DEPLOY');
    expect(lines[0]).to.equal('-- search for "friday DEPLOY": 2 messages, newest first:');
    expect(lines[1]).to.match(/^\[12:01\] \(private\) \[[0-9a-z]{7}\] <alice -> bob> deploy friday, ok\?$/);
    expect(lines[2]).to.equal(`[12:00] #general [${general}] <alice> Deploy on Friday?`);
    expect(lines[3]).to.equal('-- end of search');
    expect(await searchFor(carol, '/search deploy friday')).to.deep.equal([
      '-- search for "deploy friday": 2 messages, newest first:',
      lines[2],
      carol.lines().find((line) => line.endsWith('between us')),
      '-- end of search',
    ]);
  });

  it('looks in one room, one conversation, from one sender or since a time when told, and pages with the line it ends with', async function () {
    const alice = await server.login('alice');
    const bob = await server.login('bob');
    for (const n of [1, 2, 3]) await said(alice, `report ${n} ready`);
    await clock.advance(2 * 3_600_000);
    for (const n of [4, 5]) await said(bob, `report ${n} ready`);
    alice.write('/send bob report 6 ready');
    await bob.waitFor(/report 6 ready$/);
    const first = await searchFor(alice, '/search report ready #general');
    expect(first.slice(1, 3).map((l) => l.replace(/^.*> /, ''))).to.deep.equal(['report 5 ready', 'report 4 ready']);
    expect(first[3]).to.equal('-- end of search; more: /search report ready #general --page 2');
    const second = await searchFor(alice, first[3]!.replace(/^.*more: /, ''));
    expect(second[0]).to.equal('-- search for "report ready", page 2: 2 messages, newest first:');
    expect(second.slice(1, 3).map((l) => l.replace(/^.*> /, ''))).to.deep.equal(['report 3 ready', 'report 2 ready']);
    const third = await searchFor(alice, second[3]!.replace(/^.*more: /, ''));
    expect(third.slice(1, -1).map((l) => l.replace(/^.*> /, ''))).to.deep.equal(['report 1 ready']);
    expect(third.at(-1)).to.equal('-- end of search');
    expect((await searchFor(alice, '/search report --page 9'))[0]).to.equal('-- no more messages found for "report", page 9');
    expect((await searchFor(alice, '/search report @bob')).slice(1, -1).map((l) => l.replace(/^.*> /, ''))).to.deep.equal(['report 6 ready']);
    expect((await searchFor(alice, '/search ready --from BOB')).slice(1, -1).map((l) => l.replace(/^.*> /, ''))).to.deep.equal([
      'report 5 ready',
      'report 4 ready',
    ]);
    const lastHour = await searchFor(alice, '/search ready --since 1h');
    expect(lastHour.slice(1, -1).map((l) => l.replace(/^.*> /, ''))).to.deep.equal(['report 6 ready', 'report 5 ready']);
    expect(lastHour.at(-1)).to.equal('-- end of search; more: /search ready --since 1h --page 2');
    expect((await searchFor(alice, '/search ready --since 1h --page 2')).slice(1, -1).map((l) => l.replace(/^.*> /, ''))).to.deep.equal(['report 4 ready']);
  });

  it('finds an edited message by its new words, marked, and never a deleted or expired one', async function () {
    const alice = await server.login('alice');
    const id = await said(alice, 'the budget is wrong');
    alice.write(`/edit ${id} the budget is fixed`);
    await alice.waitFor(/\(edited\) the budget is fixed$/);
    expect((await searchFor(alice, '/search wrong'))[0]).to.equal('-- no messages found for "wrong"');
    expect((await searchFor(alice, '/search budget'))[1]).to.equal(`[12:00] #general [${id}] <alice> (edited) the budget is fixed`);
    const gone = await said(alice, 'budget leak');
    alice.write(`/delete ${gone}`);
    await alice.waitFor(/^-- alice deleted/);
    expect((await searchFor(alice, '/search leak'))[0]).to.equal('-- no messages found for "leak"');
    await clock.advance(3 * 3_600_000);
    expect((await searchFor(alice, '/search budget'))[0]).to.equal('-- no messages found for "budget"');
  });

  it('shows the words searched for in bold on a colour terminal', async function () {
    const alice = await server.login('alice');
    await said(alice, 'Deploy the deployment');
    alice.write('/color on');
    await alice.waitFor(/colour/);
    alice.write('/search deploy');
    expect(await alice.waitFor(/the deployment/)).to.contain('> \x1b[1m\x1b[4mDeploy\x1b[24m\x1b[22m the deployment');
  });

  it('is in /help with the other new commands, each with examples', async function () {
    const alice = await server.login('alice');
    alice.write('/help');
    await alice.waitFor(/^-- commands/);
    for (const usage of ['/delete <id>', '/edit <id> <new text>', '/history [N] [--before <id>|--after <id>|--around <id>] [#room|@nick]', '/search <words> [#room|@nick] [--from nick] [--since 2d] [--page N]']) {
      await alice.waitFor(new RegExp(`^-- ${usage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`));
    }
    for (const command of ['search', 'edit', 'delete', 'history']) {
      alice.write(`/help ${command}`);
      await alice.waitFor(new RegExp(`^-- /${command} `));
      await alice.waitFor(new RegExp(`^-- Example:  /${command} `));
    }
  });

  it('refuses what it cannot search with one line saying why, and a room the user is not in as the room rules say', async function () {
    const alice = await server.login('alice');
    const bob = await server.login('bob');
    bob.write('/chats hidden --private');
    await bob.waitFor(/now talking in #hidden/);
    bob.write('/chats open');
    await bob.waitFor(/now talking in #open/);
    const cases: [string, RegExp][] = [
      ['/search', /^ERROR MISSING_ARGUMENT: Missing <query>/],
      ['/search ?!', /^ERROR INVALID_ARGUMENT: Give at least one word to search for/],
      ['/search a b c d e f g h i', /^ERROR INVALID_ARGUMENT: Search for at most 8 words/],
      ['/search x --in dev', /^ERROR INVALID_ARGUMENT: There is no option --in\./],
      ['/search x --since soon', /^ERROR INVALID_ARGUMENT: --since takes how far back to search/],
      ['/search x --page 0', /^ERROR INVALID_ARGUMENT: The page must be a whole number from 1 to 50/],
      ['/search x --from nobody', /^ERROR NO_SUCH_USER/],
      ['/search x #open', /^ERROR NOT_A_MEMBER: You are not in #open\./],
      ['/search x #hidden', /^ERROR NO_SUCH_ROOM: There is no room #hidden that you can see/],
      ['/search x #nowhere', /^ERROR NO_SUCH_ROOM: There is no room #nowhere that you can see/],
      ['/search x #dev @bob', /^ERROR INVALID_ARGUMENT: Unexpected "@bob"/],
    ];
    for (const [command, expected] of cases) {
      alice.write(command);
      expect(await alice.waitFor(/^(ERROR|-- )/), command).to.match(expected);
    }
  });
});
