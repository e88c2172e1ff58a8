export * from './constructs/flag-reference';
