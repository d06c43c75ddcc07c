import { JIRA_OPERATION_SCOPE_SETS } from '../../test/contract/openapi/jira-openapi';
import type { ManifestRules } from './manifest-rules';

export type ScopeVerdict = 'allowed' | 'undocumented' | 'scope-missing' | 'impersonation-not-allowed';

/**
 * Whether the manifest lets a Jira operation be called, from the scopes Atlassian's OpenAPI
 * document lists for it (test/contract/openapi): one of its scope sets must be declared in full,
 * and for offline impersonation each scope of that set needs `allowImpersonation`. An operation
 * the subset does not document is refused: the runtime cannot know its scopes.
 */
export function checkScopes(
  rules: Pick<ManifestRules, 'scopes'>,
  method: string,
  path: string,
  impersonated: boolean,
): ScopeVerdict {
  const sets = JIRA_OPERATION_SCOPE_SETS[`${method.toUpperCase()} ${path}`];
  if (!sets) return 'undocumented';
  const declared = sets.filter((set) => set.scopes.every((scope) => rules.scopes.has(scope)));
  if (declared.length === 0) return 'scope-missing';
  if (impersonated && !declared.some((set) => set.scopes.every((scope) => rules.scopes.get(scope) === true)))
    return 'impersonation-not-allowed';
  return 'allowed';
}
