import fs from 'node:fs';
import { once } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { expect } from 'chai';
import { startServer } from '../../lib/server/chat-service.js';
import { LineClient } from '../helpers/line-client.js';
import { useSelfSignedCertificate } from '../helpers/self-signed.js';
import { TestServer, testConfig } from '../helpers/test-server.js';

describe('serving over TLS beside the plain port', function () {
  const tlsFiles = useSelfSignedCertificate();
  let server: TestServer | undefined;

  beforeEach(async function () {
    const { certFile, keyFile } = tlsFiles.certificate;
    server = await TestServer.start({ tls: { port: 0, certFile, keyFile } });
  });

  afterEach(async function () {
    await server?.stop();
    server = undefined;
  });

  function tlsPort(): number {
    const port = server?.running.tlsAddress?.port;
    if (port === undefined) throw new Error('no TLS listener');
    return port;
  }

  it('speaks the same protocol over TLS, and TLS and plain users chat together', async function () {
    const viaTls = await LineClient.connectTls(tlsPort(), tlsFiles.certificate.cert);
    viaTls.write('/login alice pw');
    await viaTls.waitFor(/^-- welcome, alice!/);
    await viaTls.waitFor(/^-- no unread messages/);
    const plain = await server!.login('bob');
    plain.write('hello over tcp');
    await viaTls.waitFor(/<bob> hello over tcp$/);
    viaTls.write('hello over tls');
    await plain.waitFor(/<alice> hello over tls$/);
    viaTls.close();
  });

  it('answers a script whose input ends right after its lines, as the plain port does', async function () {
    const script = await LineClient.connectTls(tlsPort(), tlsFiles.certificate.cert);
    script.socket.end('/login bot pw\r\n/who\r\n');
    await script.waitFor(/^-- welcome, bot!/);
    await script.waitFor(/^-- #general: 1 member, 1 online/);
    await script.waitFor(/^-- bye!/);
    await script.waitClosed();
  });

  it('drops a client that does not speak TLS on the TLS port, and keeps serving', async function () {
    const confused = await new Promise<net.Socket>((resolve) => {
      const socket = net.connect(tlsPort(), '127.0.0.1', () => {
        resolve(socket);
      });
    });
    confused.on('error', () => undefined);
    confused.write('/login alice pw\r\n');
    await new Promise((resolve) => confused.once('close', resolve));
    const viaTls = await LineClient.connectTls(tlsPort(), tlsFiles.certificate.cert);
    await viaTls.waitFor(/^nickname: $/);
    viaTls.close();
  });

  it('lets go of a client that gives up during the handshake (afterEach would hang on it otherwise)', async function () {
    const untrusting = tls.connect({ port: tlsPort(), host: '127.0.0.1' });
    const [error] = (await once(untrusting, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).to.equal('DEPTH_ZERO_SELF_SIGNED_CERT');
    const viaTls = await LineClient.connectTls(tlsPort(), tlsFiles.certificate.cert);
    await viaTls.waitFor(/^nickname: $/);
    viaTls.close();
  });

  it('refuses to start when the certificate cannot be read, naming the flag and the file', async function () {
    const config = testConfig({ tls: { port: 0, certFile: `${tlsFiles.dir}/missing.pem`, keyFile: tlsFiles.certificate.keyFile } });
    try {
      const running = await startServer(config);
      await running.close();
      expect.fail('started without a certificate');
    } catch (error) {
      expect((error as Error).message).to.match(/^cannot read --tls-cert .*missing\.pem/);
    } finally {
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    }
  });
});
