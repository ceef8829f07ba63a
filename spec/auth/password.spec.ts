import { expect } from 'chai';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from '../../lib/auth/password.js';

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
