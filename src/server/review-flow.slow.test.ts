import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewHarness } from '../../test/review-harness.js';
import type { Client, ReviewHarness } from '../../test/review-harness.js';
import { events, reviewAssignments, reviewItems } from '../store/schema.js';

interface Entry {
  assignmentId: string;
  batchId: string;
  itemId: string;
}

let harness: ReviewHarness;
let alice: Client;
let bob: Client;
let carol: Client;
let dora: Client;
let admin: Client;
let batchId = '';

async function next(client: Client): Promise<Entry | null> {
  const response = await client.request('POST', '/api/assignments/next');
  expect(response.status).toBe(200);
  return (response.json as { assignment: Entry | null }).assignment;
}

async function submit(client: Client, assignmentId: string, body: unknown) {
  return client.request('POST', `/api/assignments/${assignmentId}/label`, body);
}

describe('the review flow through the API', () => {
  beforeAll(async () => {
    harness = await createReviewHarness();
    alice = await harness.signIn('alice');
    bob = await harness.signIn('bob');
    carol = await harness.signIn('carol');
    dora = await harness.signIn('dora');
    admin = await harness.signIn('admin');
    const created = await admin.request('POST', '/api/batches', {
      name: 'first',
      budget: 6,
      reviewersPerItem: 2,
    });
    expect(created.status, created.text).toBe(201);
    batchId = (created.json as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    await harness.close();
  });

  it('builds a batch from the latest audit queue, ranked and cut at the budget', async () => {
    const batches = await admin.request('GET', '/api/batches');
    const batch = (batches.json as { batches: { id: string; items: number; labelsRequired: number }[] })
      .batches[0];
    expect(batch).toMatchObject({ id: batchId, items: 6, labelsRequired: 12 });
    const items = await harness.store.db
      .select()
      .from(reviewItems)
      .where(eq(reviewItems.batchId, batchId))
      .orderBy(asc(reviewItems.rank));
    expect(items.map((item) => item.triageStatus)).toEqual(Array(6).fill('needs-physician'));
    const impacts = items.map((item) => item.impact ?? 0);
    expect([...impacts].sort((left, right) => right - left)).toEqual(impacts);
  });

  it('resolves an item when both physicians agree, escalates it when they do not, and the adjudicator decides', async () => {
    const first = await next(alice);
    expect(first).not.toBeNull();
    const again = await next(alice);
    expect(again?.assignmentId).toBe(first?.assignmentId);
    const bobsFirst = await next(bob);
    expect(bobsFirst?.itemId).toBe(first?.itemId);

    const aliceSubmit = await submit(alice, first?.assignmentId ?? '', {
      mode: 'direct',
      answer: '12',
      minutes: 3,
    });
    expect(aliceSubmit.status, aliceSubmit.text).toBe(200);
    const bobSubmit = await submit(bob, bobsFirst?.assignmentId ?? '', { mode: 'direct', answer: '12' });
    expect(bobSubmit.status, bobSubmit.text).toBe(200);
    const [resolved] = await harness.store.db
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.batchId, batchId), eq(reviewItems.itemId, first?.itemId ?? '')));
    expect(resolved).toMatchObject({ status: 'resolved', finalOutcome: 'answer', finalLabel: '12' });
    expect(resolved?.provenance).toMatchObject({ method: 'physician-agreement', reviewers: 2 });

    // The submit answered with the next item at once.
    const aliceNext = (aliceSubmit.json as { next: Entry | null }).next;
    const bobNext = (bobSubmit.json as { next: Entry | null }).next;
    expect(aliceNext?.itemId).toBe(bobNext?.itemId);
    await submit(alice, aliceNext?.assignmentId ?? '', { mode: 'direct', answer: '7' });
    await submit(bob, bobNext?.assignmentId ?? '', { mode: 'not-computable', reason: 'missing-input' });
    const queue = await dora.request('GET', '/api/adjudications');
    const escalated = (queue.json as { items: { itemId: string; escalatedBecause: string }[] }).items;
    expect(escalated.map((item) => item.itemId)).toEqual([aliceNext?.itemId]);
    expect(escalated[0]?.escalatedBecause).toMatch(/not computable/);

    const view = await dora.request('GET', `/api/adjudications/${batchId}/${aliceNext?.itemId ?? ''}`);
    expect(view.status).toBe(200);
    const item = view.json as {
      reviewers: { reviewer: string; answer: string | null }[];
      originalLabel: string;
    };
    expect(item.reviewers.map((reviewer) => reviewer.reviewer)).toEqual(['Reviewer A', 'Reviewer B']);
    expect(view.text).not.toContain('alice@');
    expect(view.text).not.toContain('bob@');
    expect(view.text).not.toContain(harness.users.alice.id);

    const decided = await dora.request('POST', `/api/adjudications/${batchId}/${aliceNext?.itemId ?? ''}`, {
      outcome: 'answer',
      finalLabel: '7',
      errorCategory: 'extraction-error',
      rationale: 'The note gives the value at admission.',
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.json).toMatchObject({
      status: 'resolved',
      finalLabel: '7',
      provenance: { method: 'adjudicated', adjudicator: 'dora@example.org', reviewers: 2 },
    });
    const twice = await dora.request('POST', `/api/adjudications/${batchId}/${aliceNext?.itemId ?? ''}`, {
      outcome: 'answer',
      finalLabel: '8',
      errorCategory: 'none',
      rationale: 'again',
    });
    expect(twice.status).toBe(409);

    const mine = await alice.request('GET', '/api/my/reviews');
    const reviews = (
      mine.json as {
        reviews: { itemId: string; finalLabel: string | null; agreesWithFinal: boolean | null }[];
      }
    ).reviews;
    expect(reviews.find((review) => review.itemId === aliceNext?.itemId)).toMatchObject({
      finalLabel: '7',
      agreesWithFinal: true,
    });

    const reopened = await admin.request('POST', `/api/items/${batchId}/${aliceNext?.itemId ?? ''}/reopen`, {
      reason: 'new evidence',
    });
    expect(reopened.status, reopened.text).toBe(200);
    expect(reopened.json).toMatchObject({ status: 'escalated', finalLabel: null });

    const logged = await harness.store.db
      .select({ kind: events.kind, actor: events.actor })
      .from(events)
      .where(
        and(
          eq(events.itemId, aliceNext?.itemId ?? ''),
          inArray(events.kind, ['label-submitted', 'item-escalated', 'item-adjudicated', 'item-reopened']),
        ),
      )
      .orderBy(asc(events.id));
    expect(logged).toEqual([
      { kind: 'label-submitted', actor: 'alice@example.org' },
      { kind: 'label-submitted', actor: 'bob@example.org' },
      { kind: 'item-escalated', actor: 'bob@example.org' },
      { kind: 'item-adjudicated', actor: 'dora@example.org' },
      { kind: 'item-reopened', actor: 'admin@example.org' },
    ]);
  });

  it('computes a form label with our calculator and refuses inputs it cannot compute from', async () => {
    const entry = await next(carol);
    expect(entry).not.toBeNull();
    const view = await carol.request('GET', `/api/assignments/${entry?.assignmentId ?? ''}`);
    const blind = view.json as {
      calculator: { slug: string; inputs: { name: string }[] } | null;
      note: string;
    };
    expect(blind.calculator).not.toBeNull();
    const empty = await submit(carol, entry?.assignmentId ?? '', { mode: 'form', inputs: [] });
    if (empty.status === 200) {
      // A calculator whose every input has a clinical default computes from nothing (a score of 0).
      expect((empty.json as { outcome: string }).outcome).toBe('answer');
    } else {
      expect(empty.status).toBe(422);
      expect(empty.text).toMatch(/not computable|missing|cannot compute/);
    }
  });

  it('hands an item back to the pool and never gives it to the same physician again', async () => {
    const entry = await next(carol);
    if (entry === null) return;
    const handed = await carol.request('POST', `/api/assignments/${entry.assignmentId}/return`, {
      reason: 'conflict of interest',
    });
    expect(handed.status, handed.text).toBe(200);
    const following = await next(carol);
    expect(following?.itemId).not.toBe(entry.itemId);
  });

  it('expires an assignment after its lease, so the item returns to the pool', async () => {
    const entry = await next(alice);
    expect(entry).not.toBeNull();
    harness.clock.now = new Date(harness.clock.now.getTime() + 49 * 3600_000);
    // Sessions last 12 hours: everyone signs in again.
    alice = await harness.signIn('alice');
    carol = await harness.signIn('carol');
    admin = await harness.signIn('admin');
    const late = await submit(alice, entry?.assignmentId ?? '', { mode: 'direct', answer: '1' });
    expect(late.status).toBe(409);
    expect(late.text).toMatch(/expired/);
    const [row] = await harness.store.db
      .select()
      .from(reviewAssignments)
      .where(eq(reviewAssignments.id, entry?.assignmentId ?? ''));
    expect(row?.status).toBe('expired');
    const other = await next(carol);
    expect(other).not.toBeNull();
  });

  it('reports agreement with CIs from the API', async () => {
    const response = await admin.request('GET', '/api/stats');
    expect(response.status, response.text).toBe(200);
    const stats = response.json as {
      items: { resolved: number };
      physicians: { percentAgreement: { estimate: number | null; n: number; ci: unknown } };
      againstFinal: { source: string; total: number }[];
    };
    expect(stats.physicians.percentAgreement.n).toBeGreaterThanOrEqual(2);
    expect(stats.physicians.percentAgreement.estimate).toBeCloseTo(0.5, 5);
    expect(stats.physicians.percentAgreement.ci).not.toBeNull();
    expect(stats.againstFinal.map((row) => row.source)).toContain('original label');
  });
});
