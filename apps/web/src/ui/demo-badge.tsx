import './badges.css';

/** Marks figures from the labelled demo data set, so nobody mistakes them for the business's own. */
export function DemoBadge({ title = 'These figures come from the demo data set, not from your systems.' }) {
  return (
    <span className="badge badge--demo" title={title}>
      <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16">
        <path
          d="M6 1h4v1H9v4.2l4.6 7.3A1 1 0 0 1 12.8 15H3.2a1 1 0 0 1-.8-1.5L7 6.2V2H6z"
          fill="currentColor"
        />
      </svg>
      Demo data
      <span className="visually-hidden">: {title}</span>
    </span>
  );
}
