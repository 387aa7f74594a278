import type { ReactNode } from 'react';
import { useId } from 'react';
import '../../ui/kpi-tile.css';

/**
 * One headline figure of the plan, in the KPI tile's look: the value, a line of context and how it is
 * computed on demand. `figure` names it for tests and tooling (`data-figure`).
 */
export function FigureTile(props: {
  figure: string;
  label: string;
  value: ReactNode;
  note?: ReactNode;
  formula: string;
}) {
  const id = useId();
  return (
    <section className="kpi" aria-labelledby={`${id}-label`}>
      <h3 className="kpi__label" id={`${id}-label`}>
        {props.label}
      </h3>
      <p className="kpi__value tabular" data-figure={props.figure}>
        {props.value}
      </p>
      {props.note && <p className="kpi__change">{props.note}</p>}
      <details className="kpi__how">
        <summary>How is this computed?</summary>
        <dl>
          <dt>Formula</dt>
          <dd>{props.formula}</dd>
        </dl>
      </details>
    </section>
  );
}
