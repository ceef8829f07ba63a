import fs from 'node:fs';
import { expect } from 'chai';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from '../../lib/auth/password.js';
import { HASHING_NICENESS, POOL_SIZE } from '../../lib/auth/scrypt-pool.js';

/** The nice value of every thread of this process (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceness(): number[] {
  return fs.readdirSync('/proc/self/task').map((tid) => {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces, start with field 3.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]);
  });
}

describe('password hashing', function () {
  it('accepts the right password and refuses a wrong one, with the real scrypt parameters', async function () {
    const stored = await hashPassword('correct horse', DEFAULT_SCRYPT);
    expect(stored).to.match(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse', stored)).to.equal(true);
    expect(await verifyPassword('correct horsf', stored)).to.equal(false);
  });
  it('salts every hash, so equal passwords do not give equal hashes', async function () {
    const params = { N: 1024, r: 8, p: 1 };
    expect(await hashPassword('same', params)).not.to.equal(await hashPassword('same', params));
  });
  it('refuses a malformed stored hash instead of throwing', async function () {
    expect(await verifyPassword('x', 'plain-text')).to.equal(false);
  });
});

describe('hashing during a login storm', function () {
  it('hashes many passwords at once correctly while leaving a core to the event loop', async function () {
    const params = { N: 1024, r: 8, p: 1 };
    const hashes = await Promise.all(Array.from({ length: 12 }, (_, i) => hashPassword(`pw${i}`, params)));
    const checks = await Promise.all(hashes.map((hash, i) => Promise.all([verifyPassword(`pw${i}`, hash), verifyPassword(`pw${i + 1}`, hash)])));
    expect(checks).to.deep.equal(Array.from({ length: 12 }, () => [true, false]));
  });
});

describe('hashing threads', function () {
  it('hashes a high-priority job before the low-priority ones already waiting', async function () {
    const stored = await hashPassword('pw', DEFAULT_SCRYPT);
    const finished: string[] = [];
    // More low ones than threads, so that some wait: without priorities the high one would be last.
    const lows = Array.from({ length: POOL_SIZE + 4 }, (_, i) => verifyPassword('guess', stored, 'low').then(() => finished.push(`low${i}`)));
    const high = verifyPassword('pw', stored, 'high').then((ok) => finished.push(ok ? 'high' : 'high failed'));
    await Promise.all([...lows, high]);
    // The threads busy when it came finish their low ones first; then it goes next.
    expect(finished.indexOf('high')).to.be.within(0, POOL_SIZE + 1);
  });


  it('turns down a hash scrypt cannot do with an error, and goes on hashing', async function () {
    let refusal: unknown;
    await hashPassword('pw', { N: 1000, r: 8, p: 1 }).catch((error: unknown) => (refusal = error));
    expect(refusal).to.be.instanceOf(Error);
    const stored = await hashPassword('pw', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('pw', stored)).to.equal(true);
  });

  it('hashes on threads the system schedules after the event loop (Linux)', async function () {
    if (process.platform !== 'linux') this.skip();
    await hashPassword('pw', { N: 1024, r: 8, p: 1 });
    const niceness = threadNiceness();
    expect(niceness).to.include(HASHING_NICENESS);
    // The process itself, whose first thread runs the event loop, keeps its priority.
    expect(niceness[0]).to.be.lessThan(HASHING_NICENESS);
  });
});
