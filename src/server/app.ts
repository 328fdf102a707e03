import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import type { z } from 'zod';
import { AppError, HTTP_STATUSES } from '../app-error.js';
import { CSRF_HEADER, REVIEW_ROUTES, SESSION_COOKIE } from '../contracts/review-api.js';
import type { Access, ErrorResponse, ReviewRouteName, RouteSpec } from '../contracts/review-api.js';
import { findSession } from '../store/accounts.js';
import { checkCsrf } from './auth/csrf.js';
import { securityHeaders } from './auth/security-headers.js';
import type { HandlerInput, ServerDependencies, SignedIn } from './context.js';
import { REVIEW_HANDLERS } from './handlers/index.js';
import { serveWebApp } from './web-app.js';

/** Request bodies larger than this are refused before they are read (413). */
const MAX_BODY_BYTES = 1024 * 1024;

export type RouteHandler = (input: HandlerInput<never>) => Promise<unknown>;

/** One handler per route of the contract: a route without a handler fails to compile. */
export type RouteHandlers = { [NAME in ReviewRouteName]: RouteHandler };

function errorBody(error: AppError, issues?: { path: string; message: string }[]): ErrorResponse {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fix === undefined ? {} : { fix: error.fix }),
      ...(issues === undefined ? {} : { issues }),
    },
  };
}

function allows(access: Access, auth: SignedIn | null): boolean {
  if (access === 'public') return true;
  if (auth === null) return false;
  if (access === 'signed-in') return true;
  const roles: readonly string[] = typeof access === 'string' ? [access] : access;
  return roles.includes(auth.user.role);
}

async function authenticate(context: Context, deps: ServerDependencies): Promise<SignedIn | null> {
  const token = getCookie(context, SESSION_COOKIE);
  if (token === undefined || token === '') return null;
  const now = deps.now();
  const cached = deps.sessionCache?.get(token, now);
  if (cached !== undefined) return cached;
  const session = await findSession(deps.store.db, { token, now: () => now });
  if (session === undefined) return null;
  const signedIn = {
    user: { id: session.user.id, email: session.user.email, role: session.user.role },
    csrfToken: session.csrfToken,
    token,
  };
  deps.sessionCache?.set(token, { signedIn, sessionExpiresAt: session.expiresAt }, now);
  return signedIn;
}

async function readBody(context: Context, schema: z.ZodType): Promise<unknown> {
  const type = context.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('ARGUMENT_INVALID', 'the request body must be JSON (Content-Type: application/json)', {
      fix: 'Send the body as JSON with the Content-Type header set.',
    });
  }
  let raw: unknown;
  try {
    raw = await context.req.json();
  } catch {
    throw new AppError('ARGUMENT_INVALID', 'the request body is not valid JSON', {
      fix: 'Send a JSON object.',
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BodyInvalid(parsed.error);
  return parsed.data;
}

/** A request body that does not match its schema: 400 with every issue's path. */
class BodyInvalid extends Error {
  readonly issues: { path: string; message: string }[];
  constructor(error: z.ZodError) {
    super('the request body is invalid');
    this.issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    }));
  }
}

function mountRoute(
  app: Hono,
  route: { spec: RouteSpec; handler: RouteHandler },
  deps: ServerDependencies,
): void {
  const { spec, handler } = route;
  app.on(spec.method.toUpperCase(), spec.path, async (context) => {
    const auth = spec.access === 'public' ? null : await authenticate(context, deps);
    if (spec.access !== 'public' && auth === null) {
      throw new AppError('AUTH_REQUIRED', 'sign in first', {
        fix: 'POST /api/session with your e-mail and password.',
      });
    }
    if (!allows(spec.access, auth)) {
      throw new AppError('FORBIDDEN', `this needs the ${JSON.stringify(spec.access)} role`, {
        fix: 'Ask an admin for the right role.',
      });
    }
    const csrfProblem = checkCsrf({
      method: context.req.method,
      headerToken: context.req.header(CSRF_HEADER),
      sessionToken: spec.access === 'public' ? undefined : auth?.csrfToken,
      origin: context.req.header('origin'),
      host: context.req.header('host'),
    });
    if (csrfProblem !== undefined) throw csrfProblem;
    const body = spec.body === undefined ? undefined : await readBody(context, spec.body);
    const result = await handler({ context, params: context.req.param(), body: body as never, auth, deps });
    if (result instanceof Response) return result;
    // Parsing the result strips any field the contract does not list: a handler cannot leak a label by accident.
    const output = spec.response.parse(result);
    return context.json(output as object, (spec.status ?? 200) as 200);
  });
}

/**
 * The review server: the API of `REVIEW_ROUTES` (auth, role and CSRF checks, validated bodies and responses),
 * `/api/openapi.json`, security headers on every response, and the built web app for every other path.
 */
export function createApp(deps: ServerDependencies, handlers: RouteHandlers = REVIEW_HANDLERS): Hono {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (context) =>
        context.json(
          errorBody(
            new AppError('ARGUMENT_INVALID', 'the request body is too large', { fix: 'Send at most 1 MB.' }),
          ),
          413,
        ),
    }),
  );
  for (const [name, spec] of Object.entries(REVIEW_ROUTES) as [ReviewRouteName, RouteSpec][]) {
    mountRoute(app, { spec, handler: handlers[name] }, deps);
  }
  app.all('/api/*', (context) =>
    context.json(
      errorBody(
        new AppError('NOT_FOUND', `no API route ${context.req.method} ${context.req.path}`, {
          fix: 'See /api/openapi.json for the routes.',
        }),
      ),
      404,
    ),
  );
  if (deps.webRoot !== null) app.get('*', serveWebApp(deps.webRoot));
  app.onError((error, context) => {
    if (error instanceof BodyInvalid) {
      return context.json(
        errorBody(
          new AppError('ARGUMENT_INVALID', error.message, { fix: 'Fix the fields listed in issues.' }),
          error.issues,
        ),
        400,
      );
    }
    if (error instanceof AppError) {
      if (error.code === 'RATE_LIMITED' && typeof error.details['retryAfterSeconds'] === 'number') {
        context.header('Retry-After', String(error.details['retryAfterSeconds']));
      }
      return context.json(errorBody(error), HTTP_STATUSES[error.code] as 400);
    }
    // Never echo an unexpected error's message: it may quote stored data.
    console.error(error);
    return context.json(
      errorBody(new AppError('INTERNAL', 'internal error', { fix: 'See the server log.' })),
      500,
    );
  });
  return app;
}
