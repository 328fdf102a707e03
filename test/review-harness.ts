import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Hono } from 'hono';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/contracts/review-api.js';
import type { Role } from '../src/contracts/review-api.js';
import { readCsvRows } from '../src/dataset/read-rows.js';
import { createApp } from '../src/server/app.js';
import { hashPassword } from '../src/server/auth/password.js';
import { createLoginRateLimiter } from '../src/server/auth/rate-limit.js';
import { createSessionCache } from '../src/server/session-cache.js';
import { addUser } from '../src/store/accounts.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/open.js';
import { runSteward } from './run-steward.js';
import { requireSharedFile, V1_TEST_CSV } from './shared-data.js';

/** Cheap scrypt parameters for test accounts (the stored hash carries them, so sign-in verifies with them). */
export const TEST_SCRYPT = { cost: 2 ** 10, blockSize: 8, parallelization: 1 };

export const TEST_USERS = {
  alice: { email: 'alice@example.org', role: 'physician' },
  bob: { email: 'bob@example.org', role: 'physician' },
  carol: { email: 'carol@example.org', role: 'physician' },
  dora: { email: 'dora@example.org', role: 'adjudicator' },
  admin: { email: 'admin@example.org', role: 'admin' },
} as const satisfies Record<string, { email: string; role: Role }>;

export type TestUserName = keyof typeof TEST_USERS;

export const TEST_PASSWORD = 'correct horse battery staple';

export interface Response {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

export interface Client {
  csrfToken: string;
  cookie: string;
  request(method: string, path: string, body?: unknown): Promise<Response>;
  /** As `request`, with extra headers (e.g. a foreign Origin). */
  requestWith(
    method: string,
    path: string,
    init: { body?: unknown; headers: Record<string, string> },
  ): Promise<Response>;
}

export interface ReviewHarness {
  folder: string;
  store: Store;
  app: Hono;
  /** The server's clock: tests move it forward to expire leases. */
  clock: { now: Date };
  users: Record<TestUserName, { id: string; email: string }>;
  request(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  signIn(name: TestUserName): Promise<Client>;
  close(): Promise<void>;
}

async function runQuiet(args: string[], folder: string): Promise<string> {
  const { code, stdout, stderr } = await runSteward(args, { cwd: folder });
  if (code !== 0) throw new Error(`steward ${args.join(' ')} failed (${code}): ${stderr}`);
  return stdout;
}

/**
 * A review server on a fresh embedded store holding an audit of the first `rows` rows of the v1.0 test split,
 * with five accounts (three physicians, an adjudicator, an admin), driven through `app.request()` (no port).
 */
export async function createReviewHarness(
  options: { rows?: number; sessionCache?: boolean; webRoot?: string | null } = {},
): Promise<ReviewHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'steward-review-'));
  const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), V1_TEST_CSV);
  const rows = table.rows.slice(0, options.rows ?? 240);
  writeFileSync(join(folder, 'subset.csv'), stringify(rows, { header: true, columns: [...table.headers] }));
  await runQuiet(['audit', 'subset.csv'], folder);
  const store = await openStore({ kind: 'pglite', dataDir: join(folder, '.steward', 'db') });
  const clock = { now: new Date('2026-12-03T09:00:00Z') };
  const users = {} as Record<TestUserName, { id: string; email: string }>;
  const passwordHash = await hashPassword(TEST_PASSWORD, TEST_SCRYPT);
  for (const [name, user] of Object.entries(TEST_USERS) as [TestUserName, { email: string; role: Role }][]) {
    const stored = await addUser(store.db, {
      email: user.email,
      role: user.role,
      actor: 'test',
      passwordHash,
    });
    users[name] = { id: stored.id, email: stored.email };
  }
  const app = createApp({
    store,
    version: 'test',
    cwd: folder,
    now: () => clock.now,
    newId: randomUUID,
    webRoot: options.webRoot ?? null,
    secureCookies: false,
    loginLimiter: createLoginRateLimiter({ now: () => clock.now }),
    ...(options.sessionCache === true ? { sessionCache: createSessionCache() } : {}),
    clientAddress: (context) => context.req.header('x-test-address') ?? '127.0.0.1',
  });

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { host: 'localhost', ...init.headers };
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await app.request(`http://localhost${path}`, {
      method,
      headers,
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, text, json, headers: response.headers };
  }

  async function signIn(name: TestUserName): Promise<Client> {
    const response = await request('POST', '/api/session', {
      body: { email: TEST_USERS[name].email, password: TEST_PASSWORD },
    });
    if (response.status !== 200) throw new Error(`sign-in of ${name} failed: ${response.text}`);
    const setCookie = response.headers.get('set-cookie') ?? '';
    const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie);
    if (match === null) throw new Error(`no session cookie in ${setCookie}`);
    const cookie = `${SESSION_COOKIE}=${match[1] ?? ''}`;
    const csrfToken = (response.json as { csrfToken: string }).csrfToken;
    const send = (method: string, path: string, init: { body?: unknown; headers: Record<string, string> }) =>
      request(method, path, {
        body: init.body,
        headers: { cookie, ...(method === 'GET' ? {} : { [CSRF_HEADER]: csrfToken }), ...init.headers },
      });
    return {
      csrfToken,
      cookie,
      request: (method, path, body) => send(method, path, { body, headers: {} }),
      requestWith: send,
    };
  }

  return {
    folder,
    store,
    app,
    clock,
    users,
    request,
    signIn,
    close: async () => {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
