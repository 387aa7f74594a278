export * from './analytics';
export * from './catalogue';
export * from './finance';
export * from './import-files';
export * from './operations';
export * from './platform';
export * from './sales';
export * from './alerts';
