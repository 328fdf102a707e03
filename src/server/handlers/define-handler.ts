import type { z } from 'zod';
import type { REVIEW_ROUTES, ReviewRouteName } from '../../contracts/review-api.js';
import type { RouteHandler } from '../app.js';
import type { HandlerInput } from '../context.js';

type RouteOf<NAME extends ReviewRouteName> = (typeof REVIEW_ROUTES)[NAME];

/** The parsed body of a route (undefined for routes without one). */
export type BodyOf<NAME extends ReviewRouteName> =
  RouteOf<NAME> extends { body: infer BODY extends z.ZodType } ? z.output<BODY> : undefined;

/** What a handler may return for a route: the response before the contract parses (and strips) it. */
export type ResponseOf<NAME extends ReviewRouteName> = z.input<RouteOf<NAME>['response']>;

/** A handler typed by its route's body and response schemas. */
export function defineHandler<NAME extends ReviewRouteName>(
  _name: NAME,
  handler: (input: HandlerInput<BodyOf<NAME>>) => Promise<ResponseOf<NAME> | Response>,
): RouteHandler {
  return handler;
}
