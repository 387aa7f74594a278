/** Planner adjustments (growth, seasonality strength, promotions): pure arithmetic shared by API and page. */
export * from './adjustment';
export * from './hierarchy';
export * from './seasonal-index';
