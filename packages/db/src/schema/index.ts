export * from './analytics';
export * from './catalogue';
export * from './finance';
export * from './operations';
export * from './platform';
export * from './sales';
export * from './alerts';
