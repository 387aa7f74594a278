import { revokeAllResponse } from '@sentia/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { sendJson } from '../api/fetch-json';
import { SIGN_IN_PATH } from '../api/sign-in-path';

/** What the sign-in page says about how the last session ended (router location state). */
export interface SignInState {
  signedOut?: 'here' | 'everywhere';
}

/**
 * Ends this session (`POST /api/auth/logout`) or every session of the person
 * (`POST /api/auth/sessions/revoke-all`), then opens the sign-in page with nothing cached.
 */
export function useSignOut(scope: 'here' | 'everywhere' = 'here') {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      scope === 'here'
        ? sendJson('POST', '/api/auth/logout', undefined, z.undefined())
        : sendJson('POST', '/api/auth/sessions/revoke-all', undefined, revokeAllResponse),
    onSuccess: () => {
      const state: SignInState = { signedOut: scope };
      navigate(SIGN_IN_PATH, { replace: true, state });
      // The sign-in page clears the cache too; clearing here drops the old person's data at once.
      queryClient.clear();
    },
  });
}
