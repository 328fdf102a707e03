/**
 * The review API under load (issue 15): 50 simulated physicians label a batch of the v1.0 audit's physician
 * queue at once, over loopback HTTP to `steward serve`'s app on the embedded database (PGlite). Each reviewer loops:
 * GET /api/queue, POST /api/assignments/next (the first time), GET /api/assignments/:id (the item), POST …/label
 * (the submit, whose answer carries the next item), until nothing is left. Reported: p50 and p99 per route, and the
 * time to the next item after a submit (the submit's response plus loading the next item's view). Also the web
 * app's JS bundle size, gzipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/contracts/review-api.js';
import { hashPassword } from '../src/server/auth/password.js';
import { addUser } from '../src/store/accounts.js';
import { createReviewHarness, TEST_PASSWORD, TEST_SCRYPT } from '../test/review-harness.js';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ReviewApiBench {
  reviewers: number;
  thinkMs: readonly [number, number];
  arrivalMs: number;
  items: number;
  labels: number;
  wallSeconds: number;
  routes: Record<'queue' | 'item' | 'submit' | 'next', LatencySummary>;
  timeToNextItem: LatencySummary;
  target: { p99Ms: number; met: boolean };
  bundle: { files: number; bytes: number; gzipBytes: number; targetGzipBytes: number; met: boolean } | null;
}

function summarize(values: number[]): LatencySummary {
  const sorted = [...values].sort((left, right) => left - right);
  const at = (quantile: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? Number.NaN;
  return {
    count: sorted.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** The gzipped size of every JS file of the built web app (`npm run build:web`), or null when it is not built. */
export function measureBundle(): ReviewApiBench['bundle'] {
  const assets = fileURLToPath(new URL('../dist/web/assets/', import.meta.url));
  let files: string[];
  try {
    files = readdirSync(assets).filter((name) => name.endsWith('.js'));
  } catch {
    return null;
  }
  let bytes = 0;
  let gzipBytes = 0;
  for (const name of files) {
    const content = readFileSync(join(assets, name));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  const targetGzipBytes = 200 * 1024;
  return { files: files.length, bytes, gzipBytes, targetGzipBytes, met: gzipBytes < targetGzipBytes };
}

/**
 * `thinkMs`: each reviewer pauses a random time in this range before submitting (reading the note); [0, 0] is a
 * closed loop, every reviewer firing its next request as soon as the last one answers (a stress test).
 */
export async function measureReviewApi(
  options: { reviewers?: number; thinkMs?: readonly [number, number]; arrivalMs?: number } = {},
): Promise<ReviewApiBench> {
  const reviewerCount = options.reviewers ?? 50;
  const [thinkLow, thinkHigh] = options.thinkMs ?? [0, 0];
  const arrivalMs = options.arrivalMs ?? 0;
  const harness = await createReviewHarness({ rows: 1047, sessionCache: true });
  harness.clock.now = new Date();
  const server = serve({ fetch: harness.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const passwordHash = await hashPassword(TEST_PASSWORD, TEST_SCRYPT);
    const emails = Array.from({ length: reviewerCount }, (_, index) => `reviewer${index}@bench.example`);
    for (const email of emails)
      await addUser(harness.store.db, { email, role: 'physician', actor: 'bench', passwordHash });
    const admin = await harness.signIn('admin');
    const created = await admin.request('POST', '/api/batches', { name: 'bench', reviewersPerItem: 2 });
    if (created.status !== 201) throw new Error(`batch: ${created.text}`);
    const batch = created.json as { items: number; labelsRequired: number };

    const samples = {
      queue: [] as number[],
      item: [] as number[],
      submit: [] as number[],
      next: [] as number[],
    };
    const toNext: number[] = [];
    const timed = async (route: keyof typeof samples, run: () => Promise<Response>) => {
      const start = performance.now();
      const response = await run();
      const body: unknown = await response.json();
      samples[route].push(performance.now() - start);
      if (!response.ok) throw new Error(`${route}: ${response.status} ${JSON.stringify(body)}`);
      return body;
    };
    let labels = 0;
    const started = performance.now();
    await Promise.all(
      emails.map(async (email, index) => {
        // Reviewers sign in spread evenly over the arrival window (all at once when it is 0).
        if (arrivalMs > 0)
          await new Promise((resolve) => setTimeout(resolve, (index / reviewerCount) * arrivalMs));
        const login = await fetch(`${base}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: TEST_PASSWORD }),
        });
        const session = (await login.json()) as { csrfToken: string };
        const cookie =
          /steward_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? `${SESSION_COOKIE}=`;
        const headers = { cookie, [CSRF_HEADER]: session.csrfToken, 'content-type': 'application/json' };
        await timed('queue', () => fetch(`${base}/api/queue`, { headers: { cookie } }));
        const first = (await timed('next', () =>
          fetch(`${base}/api/assignments/next`, { method: 'POST', headers }),
        )) as {
          assignment: { assignmentId: string } | null;
        };
        let current = first.assignment;
        let submittedAt: number | null = null;
        while (current !== null) {
          const id = current.assignmentId;
          await timed('item', () => fetch(`${base}/api/assignments/${id}`, { headers: { cookie } }));
          if (submittedAt !== null) toNext.push(performance.now() - submittedAt);
          if (thinkHigh > 0) {
            await new Promise((resolve) =>
              setTimeout(resolve, thinkLow + Math.random() * (thinkHigh - thinkLow)),
            );
          }
          submittedAt = performance.now();
          const submitted = (await timed('submit', () =>
            fetch(`${base}/api/assignments/${id}/label`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ mode: 'direct', answer: String((index + labels) % 3), minutes: 2 }),
            }),
          )) as { next: { assignmentId: string } | null };
          labels += 1;
          current = submitted.next;
          if (labels % 5 === 0)
            await timed('queue', () => fetch(`${base}/api/queue`, { headers: { cookie } }));
        }
      }),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const routes = {
      queue: summarize(samples.queue),
      item: summarize(samples.item),
      submit: summarize(samples.submit),
      next: summarize(samples.next),
    };
    const p99Target = 100;
    return {
      reviewers: reviewerCount,
      thinkMs: [thinkLow, thinkHigh],
      arrivalMs,
      items: batch.items,
      labels,
      wallSeconds,
      routes,
      timeToNextItem: summarize(toNext),
      target: {
        p99Ms: p99Target,
        met:
          routes.queue.p99Ms < p99Target && routes.item.p99Ms < p99Target && routes.submit.p99Ms < p99Target,
      },
      bundle: measureBundle(),
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await harness.close();
  }
}

export function describeReviewApi(result: ReviewApiBench): string {
  const row = (name: string, summary: LatencySummary) =>
    `  ${name.padEnd(8)} n=${String(summary.count).padStart(4)}  p50 ${summary.p50Ms.toFixed(1).padStart(6)} ms  p99 ${summary.p99Ms.toFixed(1).padStart(6)} ms  max ${summary.maxMs.toFixed(1).padStart(6)} ms`;
  return [
    `review API, ${result.reviewers} concurrent reviewers on loopback (PGlite), ${result.thinkMs[1] === 0 ? 'closed loop (no think time)' : `${result.thinkMs[0] / 1000}–${result.thinkMs[1] / 1000} s think time per item`}${result.arrivalMs > 0 ? `, arriving over ${result.arrivalMs / 1000} s` : ', all arriving at once'}, ${result.items} items, ${result.labels} labels in ${result.wallSeconds.toFixed(1)} s:`,
    row('queue', result.routes.queue),
    row('item', result.routes.item),
    row('submit', result.routes.submit),
    row('next', result.routes.next),
    row('to-next', result.timeToNextItem),
    `  target p99 < ${result.target.p99Ms} ms on queue, item and submit: ${result.target.met ? 'met' : 'NOT met'}`,
    result.bundle === null
      ? 'web app bundle: not built (npm run build:web)'
      : `web app JS bundle: ${result.bundle.files} file(s), ${(result.bundle.bytes / 1024).toFixed(1)} kB, ${(result.bundle.gzipBytes / 1024).toFixed(1)} kB gzipped (target < ${result.bundle.targetGzipBytes / 1024} kB: ${result.bundle.met ? 'met' : 'NOT met'})`,
  ].join('\n');
}
