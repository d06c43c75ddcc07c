/** Removes the secret (raw and URL-encoded) from any text about to leave the adapter. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  let out = text;
  for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  return out;
}
