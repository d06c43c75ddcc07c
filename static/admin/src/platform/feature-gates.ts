/**
 * Stands in for Atlassian's feature-gate client inside the Atlassian Design System components.
 * A Custom UI page runs in its own iframe where no gate client is ever initialised, so every gate
 * answers its default there anyway; this stand-in answers the same defaults without bundling the
 * client (about 35 KB gzipped, see BENCHMARKS.md).
 */
const FeatureGates = {
  checkGate: (_name: string): boolean => false,
  getExperimentValue: <T>(_experiment: string, _parameter: string, defaultValue: T): T => defaultValue,
  initializeCalled: (): boolean => false,
};

export default FeatureGates;
