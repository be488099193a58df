import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiClient } from './api-client';

afterEach(() => {
  vi.unstubAllGlobals();
});

function respond(response: Response | Promise<Response>) {
  const fetchMock = vi.fn(() => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('apiClient.get', () => {
  it('returns the JSON body and leaves out empty parameters', async () => {
    const fetchMock = respond(json([{ name: 'r' }]));
    await expect(apiClient.get('/api/sessions', { params: { room: '', from: 5, to: undefined, cursor: null } })).resolves.toEqual([{ name: 'r' }]);
    expect(fetchMock).toHaveBeenCalledWith('/api/sessions?from=5', expect.objectContaining({ headers: { Accept: 'application/json' } }));
  });

  it('turns an error body into a typed ApiError', async () => {
    respond(json({ error: 'not_found', message: 'No active room named x' }, 404));
    const error = await apiClient.get('/api/rooms/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'No active room named x', isNotFound: true });
  });

  it('copes with an error that is not JSON', async () => {
    respond(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiClient.get('/api/rooms')).rejects.toMatchObject({ status: 502, code: 'http_error', message: '502 Bad Gateway' });
  });

  it('reports an unreachable server as status 0', async () => {
    respond(Promise.reject(new TypeError('Failed to fetch')));
    await expect(apiClient.get('/api/rooms')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('passes aborts through untouched', async () => {
    respond(Promise.reject(new DOMException('aborted', 'AbortError')));
    await expect(apiClient.get('/api/rooms')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects a success answer that is not JSON', async () => {
    respond(new Response('<!doctype html>', { status: 200 }));
    await expect(apiClient.get('/api/rooms')).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

describe('apiClient.post', () => {
  it('sends JSON and resolves on 204', async () => {
    const fetchMock = respond(new Response(null, { status: 204 }));
    await expect(apiClient.post('/api/auth/login', { username: 'a', password: 'b' })).resolves.toBeUndefined();
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/auth/login',
      expect.objectContaining({ method: 'POST', body: '{"username":"a","password":"b"}', credentials: 'same-origin' }),
    );
  });

  it('carries Retry-After on a refusal', async () => {
    respond(new Response(JSON.stringify({ error: 'rate_limited', message: 'later' }), { status: 429, headers: { 'Retry-After': '30' } }));
    await expect(apiClient.post('/api/auth/login', {})).rejects.toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 30 });
  });
});
