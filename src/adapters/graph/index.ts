export { createGraphDirectory, GRAPH_PAGE_SIZE, GROUPS_PER_ID_FILTER } from './graph-directory';
export type { GraphDirectory, GraphDirectoryOptions } from './graph-directory';
export { GRAPH_CLOUDS, graphEgressHosts } from './graph-clouds';
export type { GraphCloud, GraphCloudEndpoints } from './graph-clouds';
export { MAX_DELTA_FILTER_IDS } from './graph-delta';
export { MAX_PATH_GROUPS } from './membership-path';
