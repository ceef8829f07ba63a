import { expect } from 'chai';
import { keyFingerprint, parsePublicKeyLine } from '../../lib/auth/public-key.js';
import { keyOfBlob } from '../../lib/server/ssh/key-of-blob.js';
import { loadSsh2 } from '../../lib/auth/ssh2-module.js';

// Made with ssh-keygen; the fingerprints are what `ssh-keygen -lf` printed for them.
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAf0cWCC2XXgBGVkTpgNd74xRAnbR2uKLlYEBvKcIRLX alice@laptop';
const RSA =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7pUiuiRoJuVGCHOWScCyA4RRUOf834s+X8azS50lf/UopGecuiHhek34/nbPjSGIrDpg3LiGw+im5Se3SGXJh2D+8ZCPR//spSlPhJtto23w/bqEQB238kzArf8dj1/7QyrlJ8R47byzmOmzF6pNP1IhNbrK64t9iF1tLd41qtw==';

describe('OpenSSH public key lines', function () {
  it('reads the type, blob, comment and the fingerprint ssh-keygen shows', async function () {
    expect(await parsePublicKeyLine(ED25519)).to.deep.equal({
      type: 'ssh-ed25519',
      blob: 'AAAAC3NzaC1lZDI1NTE5AAAAIAf0cWCC2XXgBGVkTpgNd74xRAnbR2uKLlYEBvKcIRLX',
      fingerprint: 'SHA256:JEUwMG6B2Va/nS7zfj8vKmk1H7tfxhs7TmLeojFWaZg',
      comment: 'alice@laptop',
    });
    expect(await parsePublicKeyLine(`  ${RSA}  `)).to.include({ type: 'ssh-rsa', fingerprint: 'SHA256:VZ30V6HtZoW3k+Wq4sV9/2+lyIVzEhpgW19/XGpIKUU', comment: '' });
  });

  it('refuses what is no public key: a private key, a broken blob, a type that is not the blob\'s, words', async function () {
    for (const line of [
      '',
      'hello world',
      'ssh-ed25519',
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAf0cWCC2XXgBGVkTpgNd74xRAnbR2uKLlYEBvKcIRL',
      'ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIAf0cWCC2XXgBGVkTpgNd74xRAnbR2uKLlYEBvKcIRLX',
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'ssh-ed25519 not*base64',
    ]) {
      expect(await parsePublicKeyLine(line), line).to.equal(undefined);
    }
  });

  it('reads the key of a wire blob, as a client offers it, with the same fingerprint', async function () {
    await loadSsh2();
    const blob = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIAf0cWCC2XXgBGVkTpgNd74xRAnbR2uKLlYEBvKcIRLX', 'base64');
    expect(keyOfBlob(blob)?.type).to.equal('ssh-ed25519');
    expect(keyFingerprint(blob)).to.equal('SHA256:JEUwMG6B2Va/nS7zfj8vKmk1H7tfxhs7TmLeojFWaZg');
    expect(keyOfBlob(Buffer.from([0, 0, 0, 9, 1, 2]))).to.equal(undefined);
    expect(keyOfBlob(Buffer.alloc(2))).to.equal(undefined);
  });
});
