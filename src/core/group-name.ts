/** Jira refuses group names longer than this (Jira's group-name column; the OpenAPI's GroupName). */
export const MAX_GROUP_NAME_LENGTH = 255;

// C0 and C1 control characters, and the line and paragraph separators: never part of a group name.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export type GroupNameVerdict = { ok: true; name: string } | { ok: false; name: string; problem: string };

/**
 * The one rule for a Jira group name the app derives (prefix + Entra display name): Unicode NFC,
 * control characters removed, runs of white space made one space, trimmed, and cut to 255
 * characters without splitting a character. A name that is blank after this is refused.
 */
export function normaliseGroupName(raw: string): GroupNameVerdict {
  const cleaned = raw.normalize('NFC').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  const fitted = cutToLimit(cleaned);
  if (fitted.length === 0)
    return {
      ok: false,
      name: fitted,
      problem: `The Jira group name derived from "${printable(raw)}" is blank after removing control characters and spaces; map the Entra group explicitly.`,
    };
  return { ok: true, name: fitted };
}

/** The key under which Jira compares group names: case-insensitively. */
export function groupNameKey(name: string): string {
  return name.toLowerCase();
}

/** At most 255 UTF-16 units (as Jira counts), never cutting a character in two. */
function cutToLimit(name: string): string {
  let cut = '';
  for (const char of name) {
    if (cut.length + char.length > MAX_GROUP_NAME_LENGTH) break;
    cut += char;
  }
  return cut.trimEnd();
}

function printable(raw: string): string {
  return raw.replace(CONTROL, '?').slice(0, 80);
}
