/** Sales hierarchy (SKU × channel × region and every total above), forecast periods and reconciliation. */
export * from './build-hierarchy';
export { choleskySolve, nonNegativeSolve } from './nnls';
export * from './periods';
export * from './reconcile';
export * from './series-key';
