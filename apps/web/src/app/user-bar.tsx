import { Link } from 'react-router';
import { Skeleton } from '../ui/skeleton';
import type { Access } from './use-access';
import { useSignOut } from './use-sign-out';
import './user-bar.css';

/** Who is signed in, with their profile and sign-out, above every page. */
export function UserBar({ access }: { access: Access }) {
  const signOut = useSignOut();
  const { me } = access;
  return (
    <section className="user-bar" aria-label="Signed in">
      {me ? (
        <>
          <p className="user-bar__who">
            <span className="visually-hidden">Signed in as </span>
            <span className="user-bar__name">{me.name || me.email}</span>
            <span className="user-bar__role">
              <span className="visually-hidden">, role </span>
              {me.role}
            </span>
          </p>
          <Link className="button" to="/profile">
            Profile
          </Link>
          <button
            type="button"
            className="button"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate()}
          >
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </button>
        </>
      ) : access.pending ? (
        <span aria-hidden="true" className="user-bar__loading">
          <Skeleton shape="text" width="10rem" />
        </span>
      ) : (
        <p className="user-bar__problem">
          Your account could not be loaded.{' '}
          <button type="button" className="button" onClick={access.retry}>
            Try again
          </button>
        </p>
      )}
      {signOut.isError && (
        <p className="user-bar__problem" role="alert">
          Could not sign out: {signOut.error.message}
        </p>
      )}
    </section>
  );
}
