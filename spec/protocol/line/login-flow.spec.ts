import { expect } from 'chai';
import { Accounts } from '../../../lib/auth/accounts.js';
import { PasswordHasher } from '../../../lib/auth/password.js';
import { ScryptPool } from '../../../lib/auth/scrypt-pool.js';
import { LoginFlow, type LoginFlowPort } from '../../../lib/protocol/line/login-flow.js';
import { MemoryStore } from '../../../lib/store/memory/memory-store.js';
import { systemClock } from '../../../lib/util/clock.js';
import { silentLogger } from '../../../lib/util/logger.js';
import { FAST_SCRYPT } from '../../helpers/test-server.js';

/** A LoginFlow whose port writes down what the flow asked of the session, in order. */
function recordedFlow(hashing: ScryptPool): { flow: LoginFlow; calls: string[] } {
  const calls: string[] = [];
  const port: LoginFlowPort = {
    address: '127.0.0.1',
    maxFailures: 3,
    send: (line) => calls.push(`send ${line}`),
    prompt: (text) => calls.push(`prompt ${text.trim()}`),
    endPrompt: () => undefined,
    checking: (active) => calls.push(`checking ${active}`),
    loggedIn: (user) => {
      calls.push(`logged in ${user.nick}`);
      return Promise.resolve();
    },
    close: (reason) => calls.push(`close ${reason}`),
  };
  const accounts = new Accounts(new MemoryStore(), systemClock, silentLogger, new PasswordHasher(hashing, FAST_SCRYPT));
  return { flow: new LoginFlow(accounts, port), calls };
}

describe('the login conversation', function () {
  const hashing = new ScryptPool();
  after(async function () {
    await hashing.close();
  });

  it('holds the login timeout while the password is checked, and logs the user in', async function () {
    const { flow, calls } = recordedFlow(hashing);
    await flow.handle('/login alice password');
    expect(calls).to.deep.equal(['checking true', 'logged in alice']);
  });

  it('gives the client its time again after a wrong password, and asks for the nickname', async function () {
    const { flow, calls } = recordedFlow(hashing);
    await flow.handle('/login alice password');
    calls.length = 0;
    await flow.handle('alice');
    await flow.handle('not-the-password');
    expect(calls).to.deep.equal([
      'prompt password:',
      'checking true',
      'checking false',
      'send ERROR WRONG_PASSWORD: Wrong password for alice. Try again, or pick another nick if it is not yours.',
      'prompt nickname:',
    ]);
  });
});
