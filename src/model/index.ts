export * from './allocation';
export * from './default-rule';
export * from './dynamic-config';
export * from './flag-ref';
export * from './individual-target';
export * from './matcher';
export * from './prerequisite';
export * from './rollout-status';
export * from './rule-based-segment-ref';
export * from './rule-based-segment-rule';
export * from './segment-ref';
export * from './targeting-rule';
export * from './treatment';
// `FmeValidationError` extends Error, which jsii cannot export; only its jsii-safe helper is here.
export { FmeErrors } from './errors';
