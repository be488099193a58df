import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { describeWait, LoginPage } from './LoginPage';

afterEach(() => {
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** The server: its sign-in mode, and what each login attempt is answered. */
function server(mode: string, loginAnswers: Response[] = []) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    if (path === '/api/auth/mode') return json(200, { mode });
    if (path === '/api/auth/login' && init?.method === 'POST') return loginAnswers.shift() ?? json(500, { error: 'x' });
    return json(401, { error: 'unauthorized', message: 'Sign in to see the dashboard' });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function signIn(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('User name'), username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('posts the labelled fields as JSON', async () => {
    const fetchMock = server('password', [json(204, null)]);
    renderWithProviders(<LoginPage />);
    await signIn('admin', 's3cret');
    await vi.waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/auth/login',
        expect.objectContaining({ method: 'POST', body: JSON.stringify({ username: 'admin', password: 's3cret' }) }),
      ),
    );
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
  });

  it('announces wrong credentials in an alert and marks the fields invalid', async () => {
    server('password', [json(401, { error: 'unauthorized', message: 'Wrong user name or password' })]);
    renderWithProviders(<LoginPage />);
    await signIn('admin', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong user name or password.');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
  });

  it('says how long to wait after too many failures', async () => {
    server('password', [json(429, { error: 'rate_limited', message: 'Too many failed logins' }, { 'Retry-After': '840' })]);
    renderWithProviders(<LoginPage />);
    await signIn('admin', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed sign-ins. Try again in 14 minutes.');
  });

  it('offers single sign-on instead of the form when OpenID Connect is on', async () => {
    server('oidc');
    renderWithProviders(<LoginPage />);
    const sso = await screen.findByRole('link', { name: 'Sign in with single sign-on' });
    expect(sso).toHaveAttribute('href', '/api/auth/oidc/login');
    expect(screen.queryByLabelText('Password')).toBeNull();
  });
});

describe('describeWait', () => {
  it('rounds long waits up to minutes', () => {
    expect(describeWait(900)).toBe('in 15 minutes');
    expect(describeWait(61)).toBe('in 61 seconds');
    expect(describeWait(1)).toBe('in a second');
  });
});
