import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
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
