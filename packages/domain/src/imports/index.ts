export * from './cell-parsers';
export * from './import-template';
export * from './read-header';
export * from './rejection-errors';
export * from './row-assembler';
export * from './templates';
