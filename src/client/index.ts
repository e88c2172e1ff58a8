export * from './errors';
export * from './fme-client';
export * from './paging';
export * from './rate-limit-gate';
export * from './redact';
export * from './retry-policy';
export * from './runtime';
export * from './transport';
export type * from './types';
