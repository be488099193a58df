import { appUrl } from '@/lib/app-base';
import type { ApiErrorBody } from '@/types/api';

/** A failed API call: the backend's `{"error","message"}` body, or a local cause (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Seconds from a `Retry-After` header (429, 503), else null. */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, code: string, message: string, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

type QueryParams = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  params?: QueryParams;
  signal?: AbortSignal;
}

/** An API address (`/api/…`) under the app's base, with its query string; links (downloads) use it as well as fetches. */
export function buildUrl(path: string, params?: QueryParams): string {
  if (!params) return appUrl(path);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    // Absent filters are left out rather than sent empty.
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return appUrl(query ? `${path}?${query}` : path);
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ApiErrorBody).error === 'string';
}

function retryAfter(response: Response): number | null {
  const value = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : null;
}

async function readError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.error, body.message ?? body.error, retryAfter(response));
  }
  return new ApiError(response.status, 'http_error', `${response.status} ${response.statusText}`.trim(), retryAfter(response));
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { credentials: 'same-origin', ...init });
  } catch (cause) {
    // Aborts are TanStack Query cancelling a fetch: let them through untouched.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'The dashboard server cannot be reached.');
  }
}

async function get<T>(path: string, { params, signal }: RequestOptions = {}): Promise<T> {
  const response = await send(buildUrl(path, params), {
    headers: { Accept: 'application/json' },
    signal,
  });
  if (!response.ok) throw await readError(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'invalid_response', `${path} did not answer with JSON.`);
  }
}

/** A POST of an optional JSON body to an endpoint that answers without one (204). */
async function post(path: string, body?: unknown): Promise<void> {
  const response = await send(buildUrl(path), {
    method: 'POST',
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await readError(response);
}

export const apiClient = { get, post };
