import { describe, expect, it } from 'vitest';
import { ERROR_CATEGORIES } from '../verify/types.js';
import { REVIEW_ERROR_CATEGORIES } from './review-api.js';

describe('the review contract', () => {
  // The contract keeps its own list (the web app type-checks it without the server's modules): it must not drift.
  it('offers the audit’s error categories, and none', () => {
    expect([...REVIEW_ERROR_CATEGORIES]).toEqual([...ERROR_CATEGORIES, 'none']);
  });
});
