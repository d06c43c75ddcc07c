import { createContext, useContext } from 'react';

/**
 * True for a Jira admin who is not a site admin: the page shows the settings and runs but offers
 * no change. Set once at the top of the page; the server re-checks every call anyway.
 */
const ReadOnlyContext = createContext(false);

export const ReadOnlyProvider = ReadOnlyContext.Provider;

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
