/**
 * `$select` handling: only the selected properties (plus `id`) come back. Without `$select` each
 * type returns its default property set, as Graph does.
 */
export type GraphObject = Record<string, unknown>;

export const USER_PROPERTIES = [
  'id',
  'userPrincipalName',
  'mail',
  'displayName',
  'accountEnabled',
  'userType',
  'otherMails',
  'givenName',
  'surname',
  'jobTitle',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'businessPhones',
];
export const USER_DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'id',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
];
export const GROUP_PROPERTIES = [
  'id',
  'displayName',
  'description',
  'mail',
  'mailEnabled',
  'securityEnabled',
  'groupTypes',
];
export const GROUP_DEFAULT_PROPERTIES = GROUP_PROPERTIES;

/** The selected property names, or undefined when `$select` is absent. */
export function parseSelect(query: URLSearchParams): string[] | undefined {
  const raw = query.get('$select');
  if (raw === null) return undefined;
  return raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The first selected property the type does not have, for Graph's 400. */
export function unknownProperty(selected: string[] | undefined, known: readonly string[]): string | undefined {
  return selected?.find((p) => !known.some((k) => k.toLowerCase() === p.toLowerCase()));
}

/** Keeps `id` and the chosen properties; properties the object lacks come back as null. */
export function project(source: GraphObject, properties: readonly string[], known: readonly string[]): GraphObject {
  const out: GraphObject = { id: source.id };
  for (const wanted of properties) {
    const name = known.find((k) => k.toLowerCase() === wanted.toLowerCase());
    if (!name || name === 'id') continue;
    out[name] = source[name] ?? null;
  }
  return out;
}
