import { z } from 'zod';
import { errorResponseSchema, REVIEW_ROUTES } from '../contracts/review-api.js';
import type { Access, RouteSpec } from '../contracts/review-api.js';

/**
 * `/api/openapi.json`: the OpenAPI 3.1 document, generated from the same route table and zod schemas that the
 * server validates requests with (so the document cannot drift from what the server accepts).
 */

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  delete generated.$schema;
  return generated;
}

function describeAccess(access: Access): string {
  if (access === 'public') return 'Public.';
  if (access === 'signed-in') return 'Any signed-in user.';
  const roles = typeof access === 'string' ? [access] : access;
  return `Role: ${roles.join(' or ')}.`;
}

/** `/api/assignments/:id` → `/api/assignments/{id}`, with the parameter names. */
function toOpenApiPath(path: string): { path: string; parameters: string[] } {
  const parameters: string[] = [];
  const converted = path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    parameters.push(name);
    return `{${name}}`;
  });
  return { path: converted, parameters };
}

export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = { 'application/json': { schema: toJsonSchema(errorResponseSchema, 'output') } };
  for (const [name, spec] of Object.entries(REVIEW_ROUTES) as [string, RouteSpec][]) {
    const { path, parameters } = toOpenApiPath(spec.path);
    const stateChanging = spec.method !== 'get';
    const operation: Record<string, unknown> = {
      operationId: name,
      summary: spec.summary,
      description: `${describeAccess(spec.access)}${stateChanging && spec.access !== 'public' ? ' Needs the x-csrf-token header.' : ''}`,
      parameters: parameters.map((parameter) => ({
        name: parameter,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      responses: {
        [String(spec.status ?? 200)]: {
          description: 'Success',
          content: { 'application/json': { schema: toJsonSchema(spec.response, 'output') } },
        },
        '400': { description: 'The request body is invalid', content: errorContent },
        ...(spec.access === 'public'
          ? {}
          : {
              '401': { description: 'Not signed in', content: errorContent },
              '403': { description: 'Not allowed (role, CSRF token, or blinding)', content: errorContent },
            }),
        '404': { description: 'Not found (or not yours)', content: errorContent },
        '409': { description: 'Conflict with the current state', content: errorContent },
        '429': { description: 'Too many attempts', content: errorContent },
      },
      ...(spec.access === 'public' ? { security: [] } : {}),
    };
    if (spec.body !== undefined) {
      operation['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: toJsonSchema(spec.body, 'input') } },
      };
    }
    paths[path] = { ...paths[path], [spec.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Steward review API',
      version,
      description:
        'Blind physician review of benchmark labels. Sign in with POST /api/session; send the returned csrfToken in the x-csrf-token header on every state-changing request.',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'steward_session' } },
    },
    security: [{ session: [] }],
    paths,
  };
}
