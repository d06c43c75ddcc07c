/** Graph's page-size maximum for directory collections. */
export const GRAPH_PAGE_SIZE = 999;
