import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The typed API client (openapi-fetch over the generated schema.d.ts): paths, parameters, bodies and answers are
 * checked by tsc against the API's OpenAPI document. The session is the httpOnly cookie (the page never sees it);
 * every change sends the session's CSRF token, kept in memory only (from POST /auth/login or GET /auth/me).
 */
let csrf: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrf = token;
};

let onUnauthorized: () => void = () => {};
export const whenUnauthorized = (fn: () => void) => {
  onUnauthorized = fn;
};

const session: Middleware = {
  onRequest({ request }) {
    if (csrf && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) request.headers.set('X-CSRF-Token', csrf);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/')) onUnauthorized();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** The one error shape of the API (apps/api/common/errors.ts). */
export interface ApiProblem {
  statusCode: number;
  message: string;
  errors?: { path: string; message: string; keyword?: string }[];
}
