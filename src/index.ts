export * from './model';
export * from './constructs';
export * from './pipeline';
export * from './testing';
