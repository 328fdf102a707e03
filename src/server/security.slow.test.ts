import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewHarness, TEST_PASSWORD, TEST_SCRYPT, TEST_USERS } from '../../test/review-harness.js';
import type { Client, ReviewHarness, TestUserName } from '../../test/review-harness.js';
import { REVIEW_ROUTES, ROLES } from '../contracts/review-api.js';
import type { Access, RouteSpec } from '../contracts/review-api.js';
import { addUser } from '../store/accounts.js';
import { instances, reviewItems, verdicts } from '../store/schema.js';
import { hashPassword } from './auth/password.js';

interface Entry {
  assignmentId: string;
  batchId: string;
  itemId: string;
}

const LABEL_MARKER = 'LBLMARKER111';
const VERDICT_MARKER = 'VRFMARKER222';
const PHYSICIAN_MARKER = 'PHYMARKER333';

let harness: ReviewHarness;
const clients = {} as Record<TestUserName, Client>;

const ROUTES = Object.entries(REVIEW_ROUTES) as [string, RouteSpec][];

function allowedRoles(access: Access): readonly string[] {
  if (access === 'public' || access === 'signed-in') return ROLES;
  return typeof access === 'string' ? [access] : access;
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => values[name] ?? 'unknown');
}

describe('review server security', () => {
  beforeAll(async () => {
    harness = await createReviewHarness({ rows: 160 });
    for (const name of Object.keys(TEST_USERS) as TestUserName[]) clients[name] = await harness.signIn(name);
  }, 120_000);

  afterAll(async () => {
    await harness.close();
  });

  it('keeps every route but login, password links, health, the OpenAPI document and the app private', async () => {
    for (const [name, spec] of ROUTES) {
      const response = await harness.request(spec.method.toUpperCase(), fillPath(spec.path, {}), {
        ...(spec.method === 'get' ? {} : { body: {} }),
      });
      if (spec.access === 'public') expect([200, 400, 401], name).toContain(response.status);
      else expect(response.status, `${name} without a session`).toBe(401);
    }
    const openapi = await harness.request('GET', '/api/openapi.json');
    expect(openapi.status).toBe(200);
    const document = openapi.json as { paths: Record<string, Record<string, unknown>> };
    const listed = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(listed.sort()).toEqual(
      ROUTES.map(([, spec]) => `${spec.method} ${spec.path.replace(/:([A-Za-z]+)/g, '{$1}')}`).sort(),
    );
  });

  it('checks the role on every route', async () => {
    const roleClient: Record<string, Client> = {
      physician: clients.alice,
      adjudicator: clients.dora,
      admin: clients.admin,
    };
    for (const [name, spec] of ROUTES) {
      if (spec.access === 'public' || spec.access === 'signed-in') continue;
      const allowed = allowedRoles(spec.access);
      for (const role of ROLES.filter((candidate) => !allowed.includes(candidate))) {
        const response = await roleClient[role]?.request(
          spec.method.toUpperCase(),
          fillPath(spec.path, {}),
          spec.method === 'get' ? undefined : {},
        );
        expect(response?.status, `${name} as ${role}`).toBe(403);
      }
    }
  });

  it('needs the CSRF token on every state-changing request, and refuses foreign origins', async () => {
    const alice = clients.alice;
    const missing = await harness.request('POST', '/api/assignments/next', {
      headers: { cookie: alice.cookie },
    });
    expect(missing.status).toBe(403);
    expect(missing.json).toMatchObject({ error: { code: 'CSRF_INVALID' } });
    const wrong = await harness.request('POST', '/api/assignments/next', {
      headers: { cookie: alice.cookie, 'x-csrf-token': 'not-the-token' },
    });
    expect(wrong.status).toBe(403);
    const foreign = await alice.requestWith('POST', '/api/assignments/next', {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const foreignLogin = await harness.request('POST', '/api/session', {
      body: { email: TEST_USERS.bob.email, password: TEST_PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreignLogin.status).toBe(403);
    const logout = await harness.request('DELETE', '/api/session', { headers: { cookie: alice.cookie } });
    expect(logout.status).toBe(403);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and security headers on every response', async () => {
    const response = await harness.request('POST', '/api/session', {
      body: { email: TEST_USERS.carol.email, password: TEST_PASSWORD },
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    for (const path of ['/api/health', '/api/no-such-route', '/api/queue']) {
      const answer = await harness.request('GET', path);
      expect(answer.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(answer.headers.get('content-security-policy')).not.toContain('unsafe-inline');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('validates request bodies and names the fields', async () => {
    const response = await clients.admin.request('POST', '/api/batches', { name: '', reviewersPerItem: 0 });
    expect(response.status).toBe(400);
    const issues = (response.json as { error: { issues: { path: string }[] } }).error.issues.map(
      (issue) => issue.path,
    );
    expect(issues).toEqual(expect.arrayContaining(['name', 'reviewersPerItem']));
    const notJson = await harness.request('POST', '/api/session', {
      body: 'email=a&password=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(notJson.status).toBe(400);
  });

  it('rate limits sign-in per account and per address', async () => {
    const attempt = (email: string, password: string, address: string) =>
      harness.request('POST', '/api/session', {
        body: { email, password },
        headers: { 'x-test-address': address },
      });
    for (let index = 0; index < 5; index++) {
      expect((await attempt(TEST_USERS.carol.email, 'wrong password!!', '10.0.0.1')).status).toBe(401);
    }
    const blocked = await attempt(TEST_USERS.carol.email, TEST_PASSWORD, '10.0.0.2');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // 20 failures from one address block it for every account. Signing in to an account that does not exist
    // spends a full default-cost scrypt hash (~0.4 s of CPU, so that timing does not tell which accounts exist),
    // so 19 of the failures are wrong passwords of accounts hashed with TEST_SCRYPT, 5 or fewer each (below the
    // per-account limit), and the 20th is an unknown account: both kinds must count against the address.
    const passwordHash = await hashPassword(TEST_PASSWORD, TEST_SCRYPT);
    const sprayed: string[] = [];
    for (let index = 0; index < 4; index++) {
      const email = `spray${index}@example.org`;
      await addUser(harness.store.db, { email, role: 'physician', actor: 'test', passwordHash });
      sprayed.push(...Array.from({ length: index < 3 ? 5 : 4 }, () => email));
    }
    for (const email of [...sprayed, 'nobody@example.org']) {
      expect((await attempt(email, 'wrong password!!', '10.0.0.9')).status, email).toBe(401);
    }
    const fromAddress = await attempt(TEST_USERS.bob.email, TEST_PASSWORD, '10.0.0.9');
    expect(fromAddress.status).toBe(429);
    const elsewhere = await attempt(TEST_USERS.bob.email, TEST_PASSWORD, '10.0.0.10');
    expect(elsewhere.status).toBe(200);
  });

  it('never returns another label for a blind item, through any route the OpenAPI document lists', async () => {
    const admin = clients.admin;
    const created = await admin.request('POST', '/api/batches', {
      name: 'blind',
      budget: 3,
      reviewersPerItem: 2,
    });
    expect(created.status, created.text).toBe(201);
    const batchId = (created.json as { id: string }).id;
    const alice = clients.alice;
    const bob = clients.bob;
    const first = (await alice.request('POST', '/api/assignments/next')).json as { assignment: Entry };
    const entry = first.assignment;
    const bobs = ((await bob.request('POST', '/api/assignments/next')).json as { assignment: Entry })
      .assignment;
    expect(bobs.itemId).toBe(entry.itemId);
    // Mark the original label and every verifier's label of this item, so that any leak is visible.
    const [item] = await harness.store.db
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.batchId, batchId), eq(reviewItems.itemId, entry.itemId)));
    await harness.store.db
      .update(instances)
      .set({ label: LABEL_MARKER })
      .where(and(eq(instances.datasetId, item?.datasetId ?? ''), eq(instances.itemId, entry.itemId)));
    await harness.store.db
      .update(verdicts)
      .set({ proposedLabel: VERDICT_MARKER })
      .where(and(eq(verdicts.datasetId, item?.datasetId ?? ''), eq(verdicts.itemId, entry.itemId)));
    const submitted = await alice.request('POST', `/api/assignments/${entry.assignmentId}/label`, {
      mode: 'direct',
      answer: PHYSICIAN_MARKER,
    });
    expect(submitted.status, submitted.text).toBe(200);

    const openapi = (await harness.request('GET', '/api/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const values = { batchId, itemId: entry.itemId, slug: 'cha2ds2-vasc' };
    const assignmentIds = [entry.assignmentId, bobs.assignmentId];
    const viewers: [TestUserName, readonly string[]][] = [
      // Bob holds the item and has not labelled it: he must not see Alice's label or the original.
      ['bob', [LABEL_MARKER, VERDICT_MARKER, PHYSICIAN_MARKER]],
      ['carol', [LABEL_MARKER, VERDICT_MARKER, PHYSICIAN_MARKER]],
      // The item is not escalated: the adjudicator sees no label of it yet.
      ['dora', [LABEL_MARKER, VERDICT_MARKER, PHYSICIAN_MARKER]],
      ['admin', [LABEL_MARKER, VERDICT_MARKER, PHYSICIAN_MARKER]],
      // Alice sees her own label, never the original or a verifier's.
      ['alice', [LABEL_MARKER, VERDICT_MARKER]],
    ];
    let calls = 0;
    for (const [viewer, forbidden] of viewers) {
      for (const [template, methods] of Object.entries(openapi.paths)) {
        for (const method of Object.keys(methods)) {
          // Signing out and handing items back are covered elsewhere; here they would end the walk's sessions.
          if (template === '/api/session' && method === 'delete') continue;
          if (template.endsWith('/return')) continue;
          for (const assignmentId of template.includes('{id}') ? assignmentIds : ['']) {
            const path = template.replace(/\{([A-Za-z]+)\}/g, (_match, name: string) =>
              name === 'id' ? assignmentId : (values[name as keyof typeof values] ?? ''),
            );
            // Bodies that a careless handler might echo; mutations that succeed are harmless here.
            const body = method === 'get' ? undefined : { reason: 'probe', inputs: {} };
            const response = await clients[viewer].request(method.toUpperCase(), path, body);
            calls += 1;
            for (const marker of forbidden) {
              expect(
                response.text,
                `${viewer} ${method.toUpperCase()} ${path} leaks ${marker}`,
              ).not.toContain(marker);
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(5 * 20);

    // A physician cannot open someone else's assignment at all.
    expect((await clients.carol.request('GET', `/api/assignments/${entry.assignmentId}`)).status).toBe(404);
    expect((await bob.request('GET', `/api/assignments/${entry.assignmentId}`)).status).toBe(404);
    expect((await clients.dora.request('GET', `/api/adjudications/${batchId}/${entry.itemId}`)).status).toBe(
      403,
    );

    // Positive control: once the physicians disagree, the adjudicator does see the labels (so the walk can see a leak).
    const bobSubmit = await bob.request('POST', `/api/assignments/${bobs.assignmentId}/label`, {
      mode: 'direct',
      answer: '3',
    });
    expect(bobSubmit.status, bobSubmit.text).toBe(200);
    const adjudication = await clients.dora.request('GET', `/api/adjudications/${batchId}/${entry.itemId}`);
    expect(adjudication.status).toBe(200);
    for (const marker of [LABEL_MARKER, VERDICT_MARKER, PHYSICIAN_MARKER])
      expect(adjudication.text).toContain(marker);
    // … and the physicians still do not.
    for (const viewer of ['alice', 'bob'] as const) {
      const reviews = await clients[viewer].request('GET', '/api/my/reviews');
      expect(reviews.text).not.toContain(LABEL_MARKER);
      expect(reviews.text).not.toContain(viewer === 'alice' ? '"3"' : PHYSICIAN_MARKER);
    }
  });
});
