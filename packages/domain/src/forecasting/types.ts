/** Public types of the forecasting engine. */

/** The methods a caller can ask for. */
export type MethodName =
  | 'auto'
  | 'naive'
  | 'snaive'
  | 'naive2'
  | 'ses'
  | 'holt'
  | 'damped'
  | 'holt-winters'
  | 'ets'
  | 'theta'
  | 'croston'
  | 'sba'
  | 'tsb'
  | 'intermittent';

export const METHOD_NAMES: readonly MethodName[] = [
  'auto',
  'naive',
  'snaive',
  'naive2',
  'ses',
  'holt',
  'damped',
  'holt-winters',
  'ets',
  'theta',
  'croston',
  'sba',
  'tsb',
  'intermittent',
];

/** 80% and 95% prediction interval bounds, one value per horizon step. */
export interface IntervalBounds {
  readonly lower80: Float64Array;
  readonly upper80: Float64Array;
  readonly lower95: Float64Array;
  readonly upper95: Float64Array;
}

/** What every method returns: point forecasts, intervals, a model label and its parameters. */
export interface MethodForecast extends IntervalBounds {
  /** Human-readable model, e.g. "ETS(M,Ad,N)", "Theta (seasonally adjusted)", "SBA". */
  readonly model: string;
  readonly mean: Float64Array;
  /** Fitted parameters and statistics (alpha, beta, gamma, phi, sigma, aicc, drift, …). */
  readonly params: Readonly<Record<string, number>>;
  /** Whether the model has (or the series was adjusted for) seasonality. */
  readonly seasonal?: boolean;
  /** The members of a combination, with their own forecasts. */
  readonly members?: readonly MethodForecast[];
}

/** Syntetos–Boylan–Croston demand classes (ADI cut-off 1.32, CV² cut-off 0.49). */
export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'zero';

export interface DemandClassification {
  readonly demandClass: DemandClass;
  /** Average inter-demand interval: periods per non-zero period. */
  readonly adi: number;
  /** Squared coefficient of variation of the non-zero demand sizes. */
  readonly cv2: number;
}

export type CombinationOperator = 'median' | 'mean';

/** Methods "auto" can combine. */
export type CombinationMember =
  | 'ets'
  | 'ets-weighted'
  | 'theta'
  | 'damped'
  | 'holt'
  | 'ses'
  | 'naive2'
  | 'holt-winters';

export interface IntermittentOptions {
  /** Smoothing of demand sizes and intervals (Croston, SBA) or sizes (TSB); default 0.1. */
  readonly alpha?: number;
  /** Smoothing of the demand probability in TSB; default 0.1. */
  readonly beta?: number;
  /** Choose alpha (and beta) from a grid by in-sample one-step MSE instead of the defaults. */
  readonly optimize?: boolean;
}

export interface BacktestOptions {
  /** Forecast origins (default 3). The last origin leaves `horizon` observations out. */
  readonly origins?: number;
  /** Steps between origins (default 1). */
  readonly step?: number;
  /** Horizon of each backtest forecast (default: the forecast horizon). */
  readonly horizon?: number;
}

export interface ForecastOptions {
  /** Clip point forecasts and interval bounds at zero (default true: demand cannot be negative). */
  readonly nonNegative?: boolean;
  /** Run the 90% seasonality test before seasonal adjustment (default true). */
  readonly seasonalityTest?: boolean;
  /**
   * Run the test on the series ("levels", default, as R's `thetaf()`) or on its first differences, which
   * matches the seasonal decisions behind the published M3 NAIVE2 forecasts more closely.
   */
  readonly seasonalityTestOn?: 'levels' | 'differences';
  /** ETS model for method "ets", e.g. "MAdM"; default: chosen by AICc. */
  readonly etsModel?: string;
  /** Allow damped trends in ETS selection (default true). */
  readonly allowDamped?: boolean;
  /** Seasonality of method "holt-winters" (default "auto": AICc between ETS(A,A,A) and ETS(M,A,M)). */
  readonly holtWintersSeasonal?: 'additive' | 'multiplicative' | 'auto';
  /** How "auto" combines its members (default "mean"). */
  readonly combination?: CombinationOperator;
  /** The members of "auto" (default ["ets-weighted", "theta"]). */
  readonly combinationMembers?: readonly CombinationMember[];
  readonly intermittent?: IntermittentOptions;
  /** Rolling-origin backtest of the same method; off unless given. */
  readonly backtest?: BacktestOptions;
  /** Sample paths used where intervals are simulated (default 1000, Latin hypercube). */
  readonly simulations?: number;
  /** Seed for simulated intervals (default fixed, so results are reproducible). */
  readonly seed?: number;
}

export interface ForecastInput {
  /** The history, oldest first; finite values. */
  readonly y: Float64Array;
  /** Season length: 1 for none, 4 quarterly, 12 monthly, 52 weekly. */
  readonly period: number;
  /** Steps to forecast. */
  readonly horizon: number;
  /** Default "auto". */
  readonly method?: MethodName;
  readonly options?: ForecastOptions;
}

export interface BacktestResult {
  readonly origins: number;
  /** Forecast points scored (origins × horizon, fewer at the end of the series). */
  readonly points: number;
  readonly horizon: number;
  /** Mean of 200·|y − f| / (|y| + |f|) over all points (0/0 counts as 0). */
  readonly smape: number;
  /** Mean absolute error scaled by the in-sample seasonal naive MAE at each origin. */
  readonly mase: number;
  /** Mean of f − y (positive: over-forecast). */
  readonly bias: number;
  /** Share of actuals inside the 80% / 95% intervals. */
  readonly coverage80: number;
  readonly coverage95: number;
}

export interface ForecastResult extends MethodForecast {
  readonly method: MethodName;
  readonly horizon: number;
  readonly period: number;
  /** Whether the series was treated as seasonal. */
  readonly seasonal: boolean;
  readonly demand: DemandClassification;
  readonly backtest?: BacktestResult;
}
