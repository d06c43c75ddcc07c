import type { AppDeps } from '../app-deps';

/** Options for a resolver's own reads (search, explain, test), bounded by the resolver's time budget. */
export function resolverReads(deps: AppDeps) {
  const deadline = deps.clock.now() + deps.resolverBudgetMs;
  return { deadline: () => deadline, lowPriority: false, onCall: () => undefined };
}
