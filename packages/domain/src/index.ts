export * from './access/permissions';
export * from './csv/to-csv';
export * from './demo/index';
export * from './forecasting/index';
export * from './money/money';
export * from './records/index';
export * from './working-capital/index';
