/** Navigation icons: 20px line drawings, decorative (the link text names the page). */
const PATHS = {
  overview: 'M3 3h6v8H3zM11 3h6v4h-6zM11 9h6v8h-6zM3 13h6v4H3z',
  demand: 'M3 16l4-5 3 3 7-9M13 5h4v4',
  inventory: 'M3 7l7-4 7 4v8l-7 4-7-4zM3 7l7 4 7-4M10 11v8',
  purchasing: 'M3 4h2l2 9h9l2-6H6M8 17a1 1 0 1 0 0 .1M15 17a1 1 0 1 0 0 .1',
  production: 'M3 17V8l5 3V8l5 3V4h4v13z',
  workingCapital: 'M3 6h14v10H3zM3 9h14M6 13h3',
  data: 'M4 5c0-1.1 2.7-2 6-2s6 .9 6 2-2.7 2-6 2-6-.9-6-2zM4 5v10c0 1.1 2.7 2 6 2s6-.9 6-2V5M4 10c0 1.1 2.7 2 6 2s6-.9 6-2',
  system: 'M3 10h3l2-5 4 10 2-5h3',
  admin: 'M10 3l6 2v5c0 4-3 6-6 7-3-1-6-3-6-7V5z',
  menu: 'M3 5h14M3 10h14M3 15h14',
  collapse: 'M12 4l-6 6 6 6',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg aria-hidden="true" focusable="false" width={size} height={size} viewBox="0 0 20 20">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.7"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
