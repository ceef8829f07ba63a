import { expect } from 'chai';
import { ircParts, ircRegister, ircSend } from '../helpers/irc-client.js';
import { LineClient } from '../helpers/line-client.js';
import { useSelfSignedCertificate } from '../helpers/self-signed.js';
import { TestServer } from '../helpers/test-server.js';

describe('IRC over TLS (--irc-tls-port)', function () {
  const tlsFiles = useSelfSignedCertificate();
  let server: TestServer | undefined;

  afterEach(async function () {
    await server?.stop();
    server = undefined;
  });

  it('speaks IRC over TLS with the line protocol certificate, to the same chat', async function () {
    const { certFile, keyFile, cert } = tlsFiles.certificate;
    server = await TestServer.start({ ircTls: { port: 0, certFile, keyFile } });
    const port = server.running.ircTlsAddress?.port;
    if (port === undefined) throw new Error('no IRC TLS listener');
    expect(server.running.ircAddress).to.equal(undefined);
    const irc = await LineClient.connectTls(port, cert);
    await ircRegister(irc, 'secure', { pass: 'secure-pw' });
    const telnet = await server.login('alice');
    telnet.write('over plain tcp');
    expect(ircParts(await irc.waitFor(/PRIVMSG #general /)).params).to.deep.equal(['#general', 'over plain tcp']);
    ircSend(irc, 'PRIVMSG #general :over tls');
    await telnet.waitFor(/<secure> over tls$/);
    irc.close();
  });
});
