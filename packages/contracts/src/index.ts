export * from './common';
export * from './overview';
export * from './system';
