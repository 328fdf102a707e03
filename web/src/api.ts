import type { z } from 'zod';
import type {
  ErrorResponse,
  REVIEW_ROUTES,
  ReviewRouteName,
  queueEntrySchema,
  myReviewSchema,
  adjudicationEntrySchema,
  reviewerLabelSchema,
  verdictViewSchema,
  estimateSchema,
  userListResponseSchema,
} from '../../src/contracts/review-api';

// Only types come from the contract (type imports are erased), so zod never reaches the bundle. The route table
// below repeats each route's method and path as literals; its type is derived from REVIEW_ROUTES, so a path that
// drifts from the contract fails to compile.

/** `CSRF_HEADER` in the contract, repeated here so that importing it does not pull zod into the bundle. */
const CSRF_HEADER = 'x-csrf-token';

type Routes = typeof REVIEW_ROUTES;
type RouteResponse<NAME extends ReviewRouteName> = z.infer<Routes[NAME]['response']>;
type RouteBody<NAME extends ReviewRouteName> = Routes[NAME] extends { body: infer BODY extends z.ZodType }
  ? z.input<BODY>
  : never;
type PathParameter<PATH extends string> = PATH extends `${string}:${infer NAME}/${infer REST}`
  ? NAME | PathParameter<`/${REST}`>
  : PATH extends `${string}:${infer NAME}`
    ? NAME
    : never;
type RouteParameters<NAME extends ReviewRouteName> = Record<PathParameter<Routes[NAME]['path']>, string>;

/** What a call needs: path parameters when the path has any, a body when the route takes one. */
export type CallInput<NAME extends ReviewRouteName> = ([PathParameter<Routes[NAME]['path']>] extends [never]
  ? { params?: undefined }
  : { params: RouteParameters<NAME> }) &
  ([RouteBody<NAME>] extends [never] ? { body?: undefined } : { body: RouteBody<NAME> }) & {
    signal?: AbortSignal;
  };

const ROUTES: { [NAME in ReviewRouteName]: Pick<Routes[NAME], 'method' | 'path'> } = {
  health: { method: 'get', path: '/api/health' },
  openapi: { method: 'get', path: '/api/openapi.json' },
  login: { method: 'post', path: '/api/session' },
  setPassword: { method: 'post', path: '/api/password' },
  session: { method: 'get', path: '/api/session' },
  logout: { method: 'delete', path: '/api/session' },
  calculatorForm: { method: 'get', path: '/api/calculators/:slug' },
  compute: { method: 'post', path: '/api/calculators/:slug/compute' },
  queue: { method: 'get', path: '/api/queue' },
  nextAssignment: { method: 'post', path: '/api/assignments/next' },
  assignment: { method: 'get', path: '/api/assignments/:id' },
  submitLabel: { method: 'post', path: '/api/assignments/:id/label' },
  returnAssignment: { method: 'post', path: '/api/assignments/:id/return' },
  myReviews: { method: 'get', path: '/api/my/reviews' },
  adjudicationQueue: { method: 'get', path: '/api/adjudications' },
  adjudicationItem: { method: 'get', path: '/api/adjudications/:batchId/:itemId' },
  adjudicate: { method: 'post', path: '/api/adjudications/:batchId/:itemId' },
  reopen: { method: 'post', path: '/api/items/:batchId/:itemId/reopen' },
  batches: { method: 'get', path: '/api/batches' },
  createBatch: { method: 'post', path: '/api/batches' },
  users: { method: 'get', path: '/api/users' },
  stats: { method: 'get', path: '/api/stats' },
};

/** Routes where 401 means "wrong credentials or link", not "your session ended". */
const CREDENTIAL_ROUTES: readonly ReviewRouteName[] = ['login', 'setPassword'];

export type QueueEntry = z.infer<typeof queueEntrySchema>;
export type MyReview = z.infer<typeof myReviewSchema>;
export type AdjudicationEntry = z.infer<typeof adjudicationEntrySchema>;
export type ReviewerLabel = z.infer<typeof reviewerLabelSchema>;
export type VerdictView = z.infer<typeof verdictViewSchema>;
export type Estimate = z.infer<typeof estimateSchema>;
export type ListedUser = z.infer<typeof userListResponseSchema>['users'][number];

type ErrorBody = ErrorResponse['error'];

/** A failed call: the server's error (code, message, fix, issues) or a network/format problem of our own. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fix: string | undefined;
  readonly issues: NonNullable<ErrorBody['issues']>;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fix = body.fix;
    this.issues = body.issues ?? [];
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export interface ApiClientOptions {
  /** Called on a 401 from any route but sign-in and set-password: the session is gone. */
  onUnauthorized: () => void;
  fetch?: typeof fetch;
}

export interface ApiClient {
  call<NAME extends ReviewRouteName>(name: NAME, input: CallInput<NAME>): Promise<RouteResponse<NAME>>;
  setCsrfToken(token: string | null): void;
}

function fillPath(path: string, parameters: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = parameters?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

/** The `{error: {code, message, fix?, issues?}}` body, checked by hand: the app does not bundle zod. */
function readErrorBody(status: number, body: unknown): ErrorBody {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const { error } = body;
    if (
      typeof error === 'object' &&
      error !== null &&
      'message' in error &&
      typeof error.message === 'string'
    ) {
      return error as ErrorBody;
    }
  }
  return { code: `HTTP_${status}`, message: `The server answered ${status} without an explanation.` };
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetchFunction = options.fetch ?? window.fetch.bind(window);
  let csrfToken: string | null = null;

  async function call<NAME extends ReviewRouteName>(
    name: NAME,
    input: CallInput<NAME>,
  ): Promise<RouteResponse<NAME>> {
    const route = ROUTES[name];
    const headers: Record<string, string> = { accept: 'application/json' };
    if (input.body !== undefined) headers['content-type'] = 'application/json';
    // Sign-in and set-password are exempt from CSRF checks; the token is sent whenever it is known.
    if (route.method !== 'get' && csrfToken !== null) headers[CSRF_HEADER] = csrfToken;
    let response: Response;
    try {
      response = await fetchFunction(fillPath(route.path, input.params), {
        method: route.method.toUpperCase(),
        credentials: 'same-origin',
        headers,
        body: input.body === undefined ? undefined : JSON.stringify(input.body),
        signal: input.signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError(0, {
        code: 'NETWORK',
        message: 'The server cannot be reached.',
        fix: 'Check your connection, or whether `steward serve` is running, then try again.',
      });
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      if (response.ok) {
        throw new ApiError(response.status, { code: 'BAD_RESPONSE', message: 'The server sent no JSON.' });
      }
    }
    if (!response.ok) {
      if (response.status === 401 && !CREDENTIAL_ROUTES.includes(name)) options.onUnauthorized();
      throw new ApiError(response.status, readErrorBody(response.status, body));
    }
    return body as RouteResponse<NAME>;
  }

  return {
    call,
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}
