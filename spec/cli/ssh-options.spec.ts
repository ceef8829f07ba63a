import path from 'node:path';
import { expect } from 'chai';
import { configFrom } from '../helpers/server-flags.js';

describe('server flags for SSH', function () {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) Reflect.deleteProperty(process.env, key);
  });

  it('has no SSH listener unless --ssh-port is given, and keeps the host key in the data directory unless told', () => {
    expect(configFrom([]).ssh).to.equal(null);
    expect(configFrom(['--ssh-port', '2022']).ssh).to.deep.equal({ port: 2022, hostKeyFile: null });
    expect(configFrom(['--ssh-port', '2022', '--ssh-host-key', 'keys/host']).ssh).to.deep.equal({ port: 2022, hostKeyFile: path.resolve('keys/host') });
  });

  it('takes both from CHAT_LINE_SSH_PORT and CHAT_LINE_SSH_HOST_KEY', () => {
    Object.assign(process.env, { CHAT_LINE_SSH_PORT: '2222', CHAT_LINE_SSH_HOST_KEY: '/etc/chat/key' });
    expect(configFrom([]).ssh).to.deep.equal({ port: 2222, hostKeyFile: '/etc/chat/key' });
  });

  it('refuses a bad port, and a host key without a port, naming the flag', () => {
    expect(() => configFrom(['--ssh-port', '70000'])).to.throw('--ssh-port must be a whole number from 0 to 65535, got 70000');
    expect(() => configFrom(['--ssh-host-key', 'key'])).to.throw('--ssh-host-key goes with --ssh-port: give the port too');
  });
});
