/** Production planning: the master production schedule within line capacity. */
export * from './master-schedule';
