import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { appUrl } from '@/lib/app-base';
import { SSO_LOGIN_PATH, useAuthMode, useLogin } from '../api/use-auth';

/** "in 14 minutes", "in 40 seconds": how long a locked-out login waits. */
export function describeWait(seconds: number): string {
  if (seconds >= 90) return `in ${Math.ceil(seconds / 60)} minutes`;
  if (seconds > 1) return `in ${seconds} seconds`;
  return 'in a second';
}

function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Wrong user name or password.';
    if (error.status === 429) {
      const wait = error.retryAfterSeconds ? ` Try again ${describeWait(error.retryAfterSeconds)}.` : ' Try again later.';
      return `Too many failed sign-ins.${wait}`;
    }
    if (error.status === 0) return error.message;
    return `Sign-in failed: ${error.message} (${error.status})`;
  }
  return 'Sign-in failed.';
}

/** The page anyone who is not signed in sees: the password form, or the single sign-on button. */
export function LoginPage() {
  const mode = useAuthMode();
  return (
    <main className="login" id="main">
      <div className="login__card">
        <h1 className="login__title">
          <span className="brand__mark" aria-hidden="true" /> LiveKit <span className="muted">Ops</span>
        </h1>
        {mode.data === 'oidc' ? <SingleSignOn /> : <PasswordForm />}
      </div>
    </main>
  );
}

function SingleSignOn() {
  return (
    <div className="login__form">
      <p className="muted">Sign in with your organisation's account.</p>
      <a className="button button--primary" href={appUrl(SSO_LOGIN_PATH)}>
        Sign in with single sign-on
      </a>
    </div>
  );
}

function PasswordForm() {
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();
  const failed = login.isError;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    login.mutate({ username, password });
  }

  return (
    <form className="login__form" onSubmit={submit} aria-describedby={failed ? errorId : undefined} noValidate>
      <label className="login__label" htmlFor="login-username">
        User name
      </label>
      <input
        id="login-username"
        className="input"
        name="username"
        autoComplete="username"
        required
        value={username}
        aria-invalid={failed || undefined}
        onChange={(event) => setUsername(event.target.value)}
      />
      <label className="login__label" htmlFor="login-password">
        Password
      </label>
      <input
        id="login-password"
        className="input"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        aria-invalid={failed || undefined}
        onChange={(event) => setPassword(event.target.value)}
      />
      <div id={errorId} role="alert" className="login__error">
        {failed ? loginErrorMessage(login.error) : null}
      </div>
      <button className="button button--primary" type="submit" disabled={login.isPending || !username || !password}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
