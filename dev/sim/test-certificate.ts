import selfsigned from 'selfsigned';

/** A certificate and key in PEM for the simulators' HTTPS listeners; `cert` is also what clients trust. */
export interface TestCertificate {
  key: string;
  cert: string;
}

let made: Promise<TestCertificate> | undefined;

/**
 * One self-signed certificate per process, made at first use (never stored), valid for
 * `localhost` and 127.0.0.1 only. It is its own CA, so a client trusts exactly this certificate.
 */
export function testCertificate(): Promise<TestCertificate> {
  made ??= selfsigned
    .generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      curve: 'P-256',
      notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    })
    .then((pems) => ({ key: pems.private, cert: pems.cert }));
  return made;
}
