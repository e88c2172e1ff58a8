// The jest matchers (`lib/testing/jest`) are TypeScript-only and deliberately not exported here.
export * from './fme-testing';
