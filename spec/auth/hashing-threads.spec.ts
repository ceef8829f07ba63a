import fs from 'node:fs';
import { expect } from 'chai';
import { HASHING_NICENESS } from '../../lib/auth/scrypt-pool.js';
import { startServer } from '../../lib/server/chat-service.js';
import { LineClient } from '../helpers/line-client.js';
import { testConfig } from '../helpers/test-server.js';
import { threadNiceness } from '../helpers/thread-niceness.js';

/** Threads of this process that hash passwords: only they run at HASHING_NICENESS. */
function hashingThreads(): number {
  return threadNiceness().filter((niceness) => niceness === HASHING_NICENESS).length;
}

describe('the password hashing threads of a server', function () {
  it('are all ended once the server has closed (Linux)', async function () {
    if (process.platform !== 'linux') this.skip();
    // Other tests' servers share a pool of the test run's (test-server.ts), which may have threads already.
    const before = hashingThreads();
    const config = testConfig();
    const running = await startServer(config);
    try {
      const alice = await LineClient.login(running.address?.port ?? 0, 'alice');
      alice.write('/password pw better');
      await alice.waitFor(/password changed/);
      alice.close();
      expect(hashingThreads()).to.be.greaterThan(before);
    } finally {
      await running.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    }
    expect(hashingThreads()).to.equal(before);
  });
});
