import { Agent } from 'undici';
import type { TestCertificate } from '../../dev/sim/test-certificate';
import { testCertificate } from '../../dev/sim/test-certificate';

export interface TrustedHttps {
  /** The simulators' certificate: pass it as their `tls`. */
  tls: TestCertificate;
  /** A fetch that trusts that one certificate, as a deployment trusts the real services' CAs. */
  fetch: typeof fetch;
  /** The same trust for clients that take fetch options (Microsoft's Graph client). */
  dispatcher: Agent;
}

let made: Promise<TrustedHttps> | undefined;

/**
 * HTTPS for the simulators: the test certificate and a fetch that trusts it, passed to whatever
 * makes requests (nothing global changes; certificate checks stay on, so an unknown one still fails).
 */
export function trustedHttps(): Promise<TrustedHttps> {
  made ??= testCertificate().then((tls) => {
    const dispatcher = new Agent({ connect: { ca: tls.cert } });
    const trusting = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      fetch(input, { ...init, dispatcher } as RequestInit)) as typeof fetch;
    return { tls, fetch: trusting, dispatcher };
  });
  return made;
}
