import { expect } from 'chai';
import { DEFAULT_SCRYPT, PasswordHasher, type ScryptParams } from '../../lib/auth/password.js';
import { HASHING_NICENESS, POOL_SIZE, ScryptPool } from '../../lib/auth/scrypt-pool.js';
import { threadNiceness } from '../helpers/thread-niceness.js';
import { waitUntil } from '../helpers/wait-until.js';

const CHEAP: ScryptParams = { N: 1024, r: 8, p: 1 };

/** A pool for the tests of the enclosing `describe`, closed after them; `hasher(params)` hashes on it. */
function usePool(): { hasher: (params?: ScryptParams) => PasswordHasher } {
  let pool: ScryptPool | undefined;
  before(function () {
    pool = new ScryptPool();
  });
  after(async function () {
    await pool?.close();
  });
  return {
    hasher: (params = DEFAULT_SCRYPT) => {
      if (!pool) throw new Error('the pool is made before the tests');
      return new PasswordHasher(pool, params);
    },
  };
}

/** What a promise settled with, so that a test can expect a rejection. */
function outcome<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe('password hashing', function () {
  const { hasher } = usePool();

  it('accepts the right password and refuses a wrong one, with the real scrypt parameters', async function () {
    const passwords = hasher(DEFAULT_SCRYPT);
    const stored = await passwords.hash('correct horse');
    expect(stored).to.match(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await passwords.verify('correct horse', stored)).to.equal(true);
    expect(await passwords.verify('correct horsf', stored)).to.equal(false);
  });
  it('salts every hash, so equal passwords do not give equal hashes', async function () {
    const passwords = hasher(CHEAP);
    expect(await passwords.hash('same')).not.to.equal(await passwords.hash('same'));
  });
  it('refuses a malformed stored hash instead of throwing', async function () {
    expect(await hasher().verify('x', 'plain-text')).to.equal(false);
  });
  it('checks a password against the parameters stored with its hash, not the ones new hashes get', async function () {
    const stored = await hasher(CHEAP).hash('pw');
    expect(await hasher(DEFAULT_SCRYPT).verify('pw', stored)).to.equal(true);
  });
});

describe('hashing during a login storm', function () {
  const { hasher } = usePool();

  it('hashes many passwords at once correctly while leaving a core to the event loop', async function () {
    const passwords = hasher(CHEAP);
    const hashes = await Promise.all(Array.from({ length: 12 }, (_, i) => passwords.hash(`pw${i}`)));
    const checks = await Promise.all(hashes.map((hash, i) => Promise.all([passwords.verify(`pw${i}`, hash), passwords.verify(`pw${i + 1}`, hash)])));
    expect(checks).to.deep.equal(Array.from({ length: 12 }, () => [true, false]));
  });
});

describe('hashing threads', function () {
  const { hasher } = usePool();

  it('hashes a high-priority job before the low-priority ones already waiting', async function () {
    const passwords = hasher(DEFAULT_SCRYPT);
    const stored = await passwords.hash('pw');
    const finished: string[] = [];
    // More low ones than threads, so that some wait: without priorities the high one would be last.
    const lows = Array.from({ length: POOL_SIZE + 4 }, (_, i) => passwords.verify('guess', stored, 'low').then(() => finished.push(`low${i}`)));
    const high = passwords.verify('pw', stored, 'high').then((ok) => finished.push(ok ? 'high' : 'high failed'));
    await Promise.all([...lows, high]);
    // The threads busy when it came finish their low ones first; then it goes next.
    expect(finished.indexOf('high')).to.be.within(0, POOL_SIZE + 1);
  });

  it('turns down a hash scrypt cannot do with an error, and goes on hashing', async function () {
    const refused = await outcome(hasher({ N: 1000, r: 8, p: 1 }).hash('pw'));
    expect(refused).to.have.property('error').that.is.instanceOf(Error);
    const passwords = hasher(CHEAP);
    expect(await passwords.verify('pw', await passwords.hash('pw'))).to.equal(true);
  });

  it('hashes on threads the system schedules after the event loop (Linux)', async function () {
    if (process.platform !== 'linux') this.skip();
    await hasher(CHEAP).hash('pw');
    const niceness = threadNiceness();
    expect(niceness).to.include(HASHING_NICENESS);
    // The process itself, whose first thread runs the event loop, keeps its priority.
    expect(niceness[0]).to.be.lessThan(HASHING_NICENESS);
  });
});

describe('closing a hashing pool', function () {
  it('ends its threads, turning down the job running, the jobs waiting and any job after', async function () {
    const pool = new ScryptPool({ size: 1 });
    const passwords = new PasswordHasher(pool, CHEAP);
    await passwords.hash('warm');
    expect(pool.threads).to.equal(1);
    const slow = new PasswordHasher(pool, DEFAULT_SCRYPT);
    const running = outcome(slow.hash('running'));
    const waiting = outcome(slow.hash('waiting'));
    await pool.close();
    expect(pool.threads).to.equal(0);
    expect(await running).to.have.nested.property('error.message', 'the password hashing thread stopped');
    expect(await waiting).to.have.nested.property('error.message', 'password hashing has shut down');
    expect(await outcome(passwords.hash('after'))).to.have.nested.property('error.message', 'password hashing has shut down');
  });

  it('turns down every job with the reason when its threads cannot start, and keeps no thread', async function () {
    const pool = new ScryptPool({ size: 1, module: new URL('./no-such-worker.js', import.meta.url) });
    const passwords = new PasswordHasher(pool, CHEAP);
    try {
      const results = await Promise.all(['a', 'b', 'c'].map((password) => outcome(passwords.hash(password))));
      const messages = results.map((result) => ('error' in result && result.error instanceof Error ? result.error.message : 'hashed'));
      for (const message of messages) expect(message).to.include('no-such-worker');
      // A failed thread is gone once it has exited, shortly after its job failed.
      await waitUntil(() => pool.threads === 0, 2000, 'the failed threads to exit');
    } finally {
      await pool.close();
    }
  });
});
