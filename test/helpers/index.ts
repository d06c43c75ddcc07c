/**
 * Everything tests share, in one place: the one rig (the deployed bundle on the local Forge
 * runtime over the simulators), its virtual clock, the scenario files and their accounts, faults,
 * recorded requests, builders and small assertions helpers.
 */
export { VirtualClock } from '../../dev/host/virtual-clock';
export * from './accounts';
export * from './builders';
export * from './drive';
export * from './near-real-time';
export * from './process-faults';
export * from './recorded-requests';
export * from './rejection-of';
export * from './rig';
export * from './scenarios';
export * from './trusted-https';
export * from './valid-payloads';
export * from './scheduled-runs';
