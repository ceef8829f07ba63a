import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  cert: Buffer;
}

/**
 * A throwaway certificate for 127.0.0.1, made with openssl at test time (keys are never
 * committed). Undefined when openssl is not available, so TLS specs can skip.
 */
export function selfSignedCertificate(dir: string): TestCertificate | undefined {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { stdio: 'ignore', timeout: 10_000 },
    );
  } catch {
    return undefined;
  }
  return { certFile, keyFile, cert: fs.readFileSync(certFile) };
}

/**
 * For a describe block: makes the certificate before its tests (marking them pending, with
 * a note, when openssl is missing) and removes it after. Read `.certificate` inside tests.
 */
export function useSelfSignedCertificate(): { certificate: TestCertificate; dir: string } {
  const holder = {} as { certificate: TestCertificate; dir: string };
  before(function () {
    holder.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-cert-'));
    const certificate = selfSignedCertificate(holder.dir);
    if (!certificate) {
      // eslint-disable-next-line no-console -- says why the TLS specs are pending
      console.log('    (openssl is not available: TLS specs are pending)');
      this.skip();
    }
    holder.certificate = certificate;
  });
  after(function () {
    fs.rmSync(holder.dir, { recursive: true, force: true });
  });
  return holder;
}
