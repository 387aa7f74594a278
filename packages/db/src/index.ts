export * from './client';
export * from './migrate';
export * from './query';
export * as schema from './schema/index';
