import { useCurrentUser, useLogout } from '../api/use-auth';

/** Who is signed in, and the way out; nothing when sign-in is off (no user name). */
export function LogoutButton() {
  const me = useCurrentUser();
  const logout = useLogout();
  const username = me.data?.username;
  if (!username) return null;
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => logout.mutate()}
      disabled={logout.isPending}
      title={`Signed in as ${username}`}
    >
      Sign out
    </button>
  );
}
