import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '@/app/query-client';
import { apiClient } from '@/lib/api-client';
import { AuthGate } from './AuthGate';
import { LogoutButton } from './LogoutButton';

afterEach(() => {
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const unauthorized = () => json(401, { error: 'unauthorized', message: 'Sign in to see the dashboard' });

/** A server with one session that a logout or an expiry ends. */
function server() {
  const state = { signedIn: true };
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    if (path === '/api/auth/mode') return json(200, { mode: 'password' });
    if (path === '/api/auth/logout' && init?.method === 'POST') {
      state.signedIn = false;
      return json(204, null);
    }
    if (!state.signedIn) return unauthorized();
    if (path === '/api/auth/me') return json(200, { username: 'admin' });
    if (path === '/api/rooms') return json(200, []);
    return json(404, { error: 'not_found', message: path });
  });
  vi.stubGlobal('fetch', fetchMock);
  return state;
}

function Rooms() {
  const rooms = useQuery({ queryKey: ['rooms', 'list'], queryFn: () => apiClient.get<unknown[]>('/api/rooms'), retry: false });
  return <p>{rooms.isSuccess ? `${rooms.data.length} rooms` : 'loading rooms'}</p>;
}

function renderApp() {
  const queryClient = createQueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <AuthGate>
        <LogoutButton />
        <Rooms />
      </AuthGate>
    </QueryClientProvider>,
  );
  return queryClient;
}

describe('AuthGate', () => {
  it('shows the app to a signed-in user', async () => {
    server();
    renderApp();
    expect(await screen.findByText('0 rooms')).toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('shows the login page when nobody is signed in', async () => {
    const state = server();
    state.signedIn = false;
    renderApp();
    expect(await screen.findByLabelText('User name')).toBeInTheDocument();
    expect(screen.queryByText('0 rooms')).toBeNull();
  });

  it('turns to the login page when any API call answers 401', async () => {
    const state = server();
    const queryClient = renderApp();
    expect(await screen.findByText('0 rooms')).toBeInTheDocument();
    state.signedIn = false;
    await queryClient.refetchQueries({ queryKey: ['rooms'] });
    expect(await screen.findByLabelText('Password')).toBeInTheDocument();
  });

  it('keeps the app on screen while the server cannot be reached', async () => {
    server();
    const queryClient = renderApp();
    expect(await screen.findByText('0 rooms')).toBeInTheDocument();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await queryClient.refetchQueries({ queryKey: ['auth', 'me'] });
    expect(screen.getByText('0 rooms')).toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('signs out with the logout button', async () => {
    server();
    renderApp();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByLabelText('User name')).toBeInTheDocument();
  });

  it('shows no logout button when sign-in is off', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { username: null })));
    renderApp();
    await vi.waitFor(() => expect(screen.queryByText('Checking sign-in')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });
});
