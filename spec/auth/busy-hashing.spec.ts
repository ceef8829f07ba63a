import { expect } from 'chai';
import { DEFAULT_SCRYPT, PasswordHasher } from '../../lib/auth/password.js';
import { HashingBusy, ScryptPool } from '../../lib/auth/scrypt-pool.js';
import { ChatError } from '../../lib/chat/errors.js';
import { TestServer } from '../helpers/test-server.js';

/** What a login refused for a busy server is told, with the nick prompt after it. */
const BUSY = /^ERROR SERVER_BUSY: The server is busy checking passwords\. Try again in \d+ s\.$/;

describe('password checks when the hashing threads are busy (--max-login-wait)', function () {
  let pool: ScryptPool;
  afterEach(async function () {
    await pool.close();
  });

  /** Jobs given in one go: none can finish in between, so what waits is known exactly. */
  function hashAll(hasher: PasswordHasher, priorities: readonly ('high' | 'low')[]): Promise<unknown>[] {
    return priorities.map((priority) => hasher.hash('secret', priority).then(
      () => 'hashed',
      (error: unknown) => (error instanceof ChatError ? error.code : error),
    ));
  }

  it('turns a job away at once, SERVER_BUSY, when it would wait longer than the limit', async function () {
    // One thread; before any hash is measured, one takes 100 ms by the pool's estimate.
    pool = new ScryptPool({ size: 1, maxWaitMs: 150 });
    const hasher = new PasswordHasher(pool, DEFAULT_SCRYPT);
    // The first runs, the second waits one hash (100 ms), the third would wait two.
    const outcomes = await Promise.all(hashAll(hasher, ['low', 'low', 'low']));
    expect(outcomes).to.deep.equal(['hashed', 'hashed', 'SERVER_BUSY']);
  });

  it('lets a login to an existing account in ahead of the registrations that fill the queue', async function () {
    pool = new ScryptPool({ size: 1, maxWaitMs: 150 });
    const hasher = new PasswordHasher(pool, DEFAULT_SCRYPT);
    // Registrations hash at low priority: a high job has only high ones ahead of it.
    const outcomes = await Promise.all(hashAll(hasher, ['low', 'low', 'low', 'high']));
    expect(outcomes).to.deep.equal(['hashed', 'hashed', 'SERVER_BUSY', 'hashed']);
  });

  it('waits however long with a limit of 0', async function () {
    pool = new ScryptPool({ size: 1, maxWaitMs: 0 });
    const hasher = new PasswordHasher(pool, { N: 1024, r: 8, p: 1 });
    const outcomes = await Promise.all(hashAll(hasher, Array.from({ length: 60 }, () => 'low' as const)));
    expect(outcomes.every((outcome) => outcome === 'hashed')).to.equal(true);
  });

  it('measures how long hashes take: once cheap hashes are known, more of them may wait', async function () {
    pool = new ScryptPool({ size: 1, maxWaitMs: 150 });
    const hasher = new PasswordHasher(pool, { N: 1024, r: 8, p: 1 });
    // Each hash here takes a millisecond or two: after a few, the estimate falls from 100 ms.
    for (let i = 0; i < 30; i++) await hasher.hash('secret');
    expect(pool.expectedWaitMs('low')).to.equal(0);
    const outcomes = await Promise.all(hashAll(hasher, Array.from({ length: 10 }, () => 'low' as const)));
    expect(outcomes.every((outcome) => outcome === 'hashed')).to.equal(true);
  });

  it('says so in its error, with how long the job would have waited', function () {
    const busy = new HashingBusy(2300);
    expect(busy.waitMs).to.equal(2300);
    expect(busy.message).to.equal('password hashing is busy: about 3 s of work waiting');
  });

  describe('over a real socket', function () {
    let server: TestServer;
    afterEach(async function () {
      await server.stop();
    });

    it('tells a login in a storm to try again, asks for the nick again, and lets it in when it does', async function () {
      pool = new ScryptPool({ size: 1, maxWaitMs: 1 });
      server = await TestServer.start({ scrypt: DEFAULT_SCRYPT }, { hashing: pool });
      const logins = [
        { client: await server.connect(), nick: 'alice', password: 'secret-one' },
        { client: await server.connect(), nick: 'bob', password: 'secret-two' },
      ];
      await Promise.all(logins.map(({ client }) => client.waitFor(/^nickname: $/)));
      for (const { client, nick, password } of logins) client.write(`/login ${nick} ${password}`);
      const answers = await Promise.all(logins.map(({ client }) => client.waitFor(/^(ERROR .*|-- welcome, .*)$/)));
      // One thread, one hash running: the other login would wait, and the limit is 1 ms.
      expect(answers.filter((answer) => BUSY.test(answer)), answers.join(' | ')).to.have.length(1);
      const refused = logins[answers.findIndex((answer) => BUSY.test(answer))];
      if (!refused) throw new Error('no login was refused');
      await refused.client.waitFor(/^nickname: $/);
      refused.client.write(`/login ${refused.nick} ${refused.password}`);
      expect(await refused.client.waitFor(/^(ERROR .*|-- welcome, .*)$/)).to.equal(`-- welcome, ${refused.nick}! You are in #general. Type /help for commands.`);
    });
  });
});
