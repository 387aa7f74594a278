import { LoadingRegion, Skeleton } from '../ui/skeleton';

/** Shown while a page's code loads: the shape of a header and a grid, never a spinner. */
export function PageSkeleton() {
  return (
    <LoadingRegion label="Loading page">
      <Skeleton shape="text" width="12rem" height="1.75rem" />
      <Skeleton shape="text" width="20rem" />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 16 }}>
        {['a', 'b', 'c', 'd'].map((key) => (
          <Skeleton key={key} height={120} />
        ))}
      </div>
    </LoadingRegion>
  );
}
