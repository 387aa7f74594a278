import './skeleton.css';

export interface SkeletonProps {
  width?: string | number;
  height?: string | number;
  /** 'text' lines are rounded and sized like a line of text. */
  shape?: 'block' | 'text' | 'circle';
  className?: string;
}

/** A grey placeholder shaped like the content to come (no spinners: layout does not jump on load). */
export function Skeleton({ width = '100%', height, shape = 'block', className }: SkeletonProps) {
  return (
    <span
      aria-hidden="true"
      className={`skeleton skeleton--${shape}${className ? ` ${className}` : ''}`}
      style={{ width, height: height ?? (shape === 'text' ? '1em' : 16) }}
    />
  );
}

/**
 * Wraps skeletons so assistive tech hears one "Loading …" instead of nothing; the skeleton
 * shapes themselves are hidden from it.
 */
export function LoadingRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div aria-busy="true" className="loading-region">
      <span className="visually-hidden" role="status">
        {label}
      </span>
      {children}
    </div>
  );
}
