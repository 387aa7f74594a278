import { type FeatureKey, featuresResponse } from '@sentia/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchJson } from '../api/fetch-json';

export const featuresQuery = () =>
  queryOptions({
    queryKey: ['features'],
    queryFn: ({ signal }) => fetchJson('/api/features', featuresResponse, { signal }),
    // A flag switched by an admin arrives as a `flags.changed` event, which refetches this at once.
    staleTime: 60_000,
  });

export interface Features {
  /** Whether a page of this feature is shown; pages of no feature always are. On until known. */
  isOn: (feature: FeatureKey | undefined) => boolean;
}

/** Which product features are switched on (FEATURE_* defaults, run-time overrides by an admin). */
export function useFeatures(enabled = true): Features {
  const features = useQuery({ ...featuresQuery(), enabled });
  const data = features.data?.features;
  return useMemo(() => ({ isOn: (feature) => !feature || !data || data[feature] }), [data]);
}
