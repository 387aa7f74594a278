export * from './demo/index';
export * from './money/money';
export * from './records/index';
