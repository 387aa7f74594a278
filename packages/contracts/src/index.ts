export * from './common';
export * from './forecasts';
export * from './overview';
export * from './system';
export * from './auth';
export * from './admin';
export * from './imports';
export * from './working-capital';
