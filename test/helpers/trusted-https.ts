import { Agent } from 'undici';
import type { TestCertificate } from '../../dev/sim/test-certificate';
import { testCertificate } from '../../dev/sim/test-certificate';

let installed: Promise<TestCertificate> | undefined;

/**
 * Serves the simulators over HTTPS in this test file: returns the test certificate (pass it as the
 * simulators' `tls`) and makes this file's global `fetch` trust that one certificate, as a
 * deployment trusts the real services' CAs. Jest gives each test file its own globals, so nothing
 * else is affected; certificate checks stay on (an unknown certificate still fails).
 */
export function trustSimulatorCertificate(): Promise<TestCertificate> {
  installed ??= testCertificate().then((certificate) => {
    const dispatcher = new Agent({ connect: { ca: certificate.cert } });
    const untrusting = globalThis.fetch;
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => untrusting(input, { ...init, dispatcher } as RequestInit)) as typeof fetch;
    return certificate;
  });
  return installed;
}
