export * from './catalogue-records';
export * from './common';
export * from './finance-records';
export * from './operations-records';
export * from './sales-records';
export * from './validate-record';
