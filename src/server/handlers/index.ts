import type { RouteHandlers } from '../app.js';
import { adjudicate, adjudicationItem, adjudicationQueue, reopen } from './adjudication.js';
import { batches, createBatch, stats } from './admin.js';
import { calculatorForm, compute } from './calculators.js';
import { assignment, myReviews, nextAssignment, queue, returnAssignment, submitLabel } from './physician.js';
import { health, login, logout, openapi, session, setPassword, users } from './session.js';

/** The handler of every route in `REVIEW_ROUTES`. */
export const REVIEW_HANDLERS: RouteHandlers = {
  health,
  openapi,
  login,
  setPassword,
  session,
  logout,
  calculatorForm,
  compute,
  queue,
  nextAssignment,
  assignment,
  submitLabel,
  returnAssignment,
  myReviews,
  adjudicationQueue,
  adjudicationItem,
  adjudicate,
  reopen,
  batches,
  createBatch,
  users,
  stats,
};
