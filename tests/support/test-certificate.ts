import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  key: string;
  cert: string;
  /** Base64 SHA-256 of the public key: what Chromium's --ignore-certificate-errors-spki-list trusts, and nothing else. */
  spkiSha256: string;
}

/** A fresh self-signed certificate for one host name, made with openssl (Debian has it; nothing is committed). */
export function makeTestCertificate(host: string): TestCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'calm-triage-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const keyPem = readFileSync(key, 'utf8');
  const spki = createPublicKey(keyPem).export({ type: 'spki', format: 'der' });
  return { key: keyPem, cert: readFileSync(cert, 'utf8'), spkiSha256: createHash('sha256').update(spki).digest('base64') };
}
