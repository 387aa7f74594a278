/** Messages between the forecast runner and its worker threads (typed arrays are transferred, not copied). */
export interface FitTask {
  id: number;
  y: Float64Array;
  period: number;
  horizon: number;
  backtest: { origins: number; step: number; horizon: number };
}

export interface FitResult {
  id: number;
  model: string;
  method: string;
  params: Record<string, number>;
  seasonal: boolean;
  demandClass: string;
  mean: Float64Array;
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
  seasonalIndex: Float64Array;
  backtest: {
    origins: number;
    points: number;
    horizon: number;
    smape: number | null;
    mase: number | null;
    bias: number | null;
    coverage80: number | null;
    coverage95: number | null;
  } | null;
  /** Set when "auto" failed on this series and the naive forecast stands in. */
  fallback?: string;
}

export type WorkerReply = { ok: true; result: FitResult } | { ok: false; id: number; error: string };
