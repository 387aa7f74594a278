export * from './adjustments';
export * from './ageing';
export * from './cash-forecast';
export * from './cash-periods';
export * from './ccc-status';
export {
  addMonths,
  type DateRange,
  dateOfDay,
  dayNumber,
  endOfMonth,
  inclusiveDays,
  monthSlices,
  shiftDate,
  startOfMonth,
} from './dates';
export * from './fx';
export * from './measures';
export * from './outstanding';
