import type { MeResponse } from '@sentia/contracts';
import type { Environment, Permission } from '@sentia/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { meQuery } from '../api/auth-queries';
import { statusQuery } from '../api/queries';
import { allows, toEnvironment } from './access';

export interface Access {
  me: MeResponse | undefined;
  /** Still loading who is signed in. */
  pending: boolean;
  /** Loading who is signed in failed (a 401 has already been handed to the sign-in page). */
  error: unknown;
  retry: () => void;
  environment: Environment;
  /** Whether the signed-in person's role allows `permission` here (false until known). */
  can: (permission: Permission | undefined) => boolean;
}

/** Who is signed in and what their role allows: navigation, page gates and action buttons use it. */
export function useAccess(): Access {
  const me = useQuery(meQuery());
  // The same cached status report the System page polls; here it is read once, not polled.
  const environment = useQuery({
    ...statusQuery(),
    select: (status) => status.environment,
    refetchInterval: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const env = toEnvironment(environment.data);
  const data = me.data;
  const { refetch } = me;
  return useMemo(
    () => ({
      me: data,
      pending: me.isPending,
      error: me.error,
      retry: () => void refetch(),
      environment: env,
      can: (permission) => allows(data?.permissions, permission, env),
    }),
    [data, me.isPending, me.error, refetch, env],
  );
}
