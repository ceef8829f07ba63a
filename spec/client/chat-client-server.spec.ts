import { stripVTControlCharacters } from 'node:util';
import { expect } from 'chai';
import { pipeClient } from '../helpers/pipe-client.js';
import { useSelfSignedCertificate } from '../helpers/self-signed.js';
import { TestServer, useTestServer } from '../helpers/test-server.js';

describe('chat-line over TLS', function () {
  const tlsFiles = useSelfSignedCertificate();
  let server: TestServer;

  beforeEach(async function () {
    const { certFile, keyFile } = tlsFiles.certificate;
    server = await TestServer.start({ tls: { port: 0, certFile, keyFile } });
  });

  afterEach(async function () {
    await server.stop();
  });

  const tlsPort = (): number => server.running.tlsAddress!.port;

  it('connects to the TLS port trusting the certificate given with --ca, and chats', async function () {
    const { client, input, shows } = pipeClient({ host: '127.0.0.1', port: tlsPort(), tls: { ca: tlsFiles.certificate.cert } });
    const done = client.run();
    input.write('/login alice pw\n');
    await shows('-- welcome, alice!');
    input.end('over tls\n');
    await shows('<alice> over tls');
    expect(await done).to.deep.equal({ code: 0 });
  });

  it('refuses a certificate it cannot trust, saying to pass --ca or --insecure, and --insecure connects anyway', async function () {
    const refused = pipeClient({ host: '127.0.0.1', port: tlsPort(), tls: {} });
    const exit = await refused.client.run();
    expect(exit.code).to.equal(1);
    expect(exit.error).to.match(/cannot connect to 127\.0\.0\.1:\d+ \(DEPTH_ZERO_SELF_SIGNED_CERT\) — .*--ca .*--insecure/);
    const insecure = pipeClient({ host: '127.0.0.1', port: tlsPort(), tls: { insecure: true } });
    const done = insecure.client.run();
    insecure.input.end('/login bob pw\n');
    await insecure.shows('-- welcome, bob!');
    expect((await done).code).to.equal(0);
  });

  it('says the port speaks no TLS when --tls meets the plain port', async function () {
    const { client } = pipeClient({ host: '127.0.0.1', port: server.port, tls: { ca: tlsFiles.certificate.cert } });
    const exit = await client.run();
    expect(exit.code).to.equal(1);
    expect(exit.error).to.match(/\((EPROTO|ERR_SSL_WRONG_VERSION_NUMBER)\) — no TLS there/);
  });
});

describe('chat-line at a terminal', function () {
  const ctx = useTestServer();

  it('asks the server for colour once logged in when told to, as it does at a terminal', async function () {
    const { client, input, printed, shows } = pipeClient({ host: '127.0.0.1', port: ctx.server.port, colour: true });
    const done = client.run();
    input.write('/login carol pw\n');
    await shows('colour is on');
    input.end('in colour\n');
    await shows('<carol> in colour');
    expect(printed()).to.contain('\x1b[');
    await done;
    // For that connection only: nothing is kept with the account.
    expect(await ctx.server.running.store.getPreference('carol', 'color')).to.equal(undefined);
  });

  it('does not print the answer of the server to the colour it asked for itself', async function () {
    const { client, input, printed, shows } = pipeClient({ host: '127.0.0.1', port: ctx.server.port, colour: true }, true);
    const done = client.run();
    input.write('/login dave pw\r');
    await shows('-- welcome, dave!');
    input.write('in colour\r');
    await shows('<dave> in colour');
    expect(stripVTControlCharacters(printed())).not.to.contain('colour is on');
    input.end();
    await done;
  });
});
