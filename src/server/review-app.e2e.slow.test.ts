import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../test/browser.js';
import { createReviewHarness, TEST_PASSWORD, TEST_USERS } from '../../test/review-harness.js';
import type { Client, ReviewHarness, TestUserName } from '../../test/review-harness.js';
import { events, instances, reviewItems } from '../store/schema.js';

/**
 * The review app end to end: a real HTTP server on loopback, the built web app, and headless Chromium. Two
 * physicians label the same two items blind with the keyboard only, agree on one and disagree on the other; the
 * adjudicator decides the escalated one; the store, the event log and the stats page show the outcome.
 */

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_ROOT = join(REPO_ROOT, 'dist', 'web');
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'e2e');
/** Every wait in the browser: generous, so that a slow CI machine is not a failure. */
const WAIT = 20_000;

interface BatchItem {
  itemId: string;
  datasetId: string;
  /** The original label, as the benchmark had it before the test replaced it by `marker`. */
  original: string;
  /** What the store holds as the original label during the test: it must never reach a physician's page. */
  marker: string;
}

const chromiumState = findChromium();
const runCommand = promisify(execFile);

let harness: ReviewHarness;
let admin: Client;
let browser: Browser | undefined;
let server: ReturnType<typeof serve> | undefined;
let baseUrl = '';
let batchId = '';
let items: BatchItem[] = [];
const contexts: BrowserContext[] = [];
const consoleMessages: string[] = [];

async function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = serve({ fetch: harness.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
    started.once('error', reject);
    server = started;
  });
}

async function stopServer(): Promise<void> {
  const running = server;
  if (running === undefined) return;
  await new Promise<void>((resolve) => {
    if ('closeAllConnections' in running) running.closeAllConnections();
    running.close(() => resolve());
  });
}

/** A fresh browser context (own cookies) for one user, its console errors and page errors collected. */
async function openPage(name: TestUserName): Promise<Page> {
  if (browser === undefined) throw new Error('the browser did not start');
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      consoleMessages.push(`${name} ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleMessages.push(`${name} page error: ${error.message}`));
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Whether the element with this test id has the focus (`:focus` in CSS; the test code has no DOM types). */
async function hasFocus(page: Page, testId: string): Promise<boolean> {
  return (await page.locator(`[data-testid="${testId}"]:focus`).count()) === 1;
}

/** Waits until the element with this test id has the focus (autofocus, or focus moved by a shortcut). */
async function waitForFocus(page: Page, testId: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"]:focus`).waitFor({ timeout: WAIT });
}

/** Sign in with the keyboard: the e-mail field has the focus when the page loads; Tab, password, Enter. */
async function signIn(page: Page, name: TestUserName, options: { screenshot?: string } = {}): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-form').waitFor();
  await waitForFocus(page, 'login-email');
  await page.keyboard.type(TEST_USERS[name].email);
  await page.keyboard.press('Tab');
  expect(await hasFocus(page, 'login-password')).toBe(true);
  await page.keyboard.type(TEST_PASSWORD);
  if (options.screenshot !== undefined) await screenshot(page, options.screenshot);
  await page.keyboard.press('Enter');
  await page.getByTestId('user-email').waitFor();
  expect(await page.getByTestId('user-email').innerText()).toContain(TEST_USERS[name].email);
}

/** No original label (its marker) anywhere in what the physician's browser holds: text, attributes or title. */
async function expectBlind(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  const html = await page.content();
  for (const item of items) {
    expect(text, `${item.itemId}: the original label on a physician's page`).not.toContain(item.marker);
    expect(html).not.toContain(item.marker);
  }
}

/** The item shown on the review page, from its `item-id` line ("Item <id> · batch <id>"). */
async function shownItem(page: Page): Promise<BatchItem> {
  const line = await page.getByTestId('item-id').innerText();
  const item = items.find((candidate) => line.includes(`Item ${candidate.itemId} `));
  if (item === undefined) throw new Error(`the review page shows an item outside the batch: ${line}`);
  return item;
}

type Labelling = { kind: 'direct'; answer: string } | { kind: 'not-computable' };

/** Labels the item on the open review page with the keyboard and submits it with Ctrl+Enter. */
async function labelWithKeyboard(page: Page, labelling: Labelling): Promise<void> {
  await page.getByTestId('label-form').waitFor();
  await expectBlind(page);
  if (labelling.kind === 'direct') {
    await page.keyboard.press('Alt+2');
    await waitForFocus(page, 'direct-answer');
    await page.keyboard.type(labelling.answer);
    expect(await page.getByTestId('direct-answer').inputValue()).toBe(labelling.answer);
  } else {
    await page.keyboard.press('Alt+3');
    await waitForFocus(page, 'nc-reason');
    // The first reason: "A required input is missing from the note".
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('nc-reason').inputValue()).toBe('missing-input');
  }
  await expectBlind(page);
  await page.keyboard.press('Control+Enter');
}

/**
 * A physician's session: sign in, `n` on the queue, label both items (the next one loads at once after
 * Ctrl+Enter), and end on the empty queue. `labelFor` chooses the label by the item shown.
 */
async function labelBothItems(
  name: 'alice' | 'bob',
  labelFor: (item: BatchItem) => Labelling,
  options: { screenshots: boolean },
): Promise<string[]> {
  const page = await openPage(name);
  await signIn(page, name, options.screenshots ? { screenshot: 'login' } : {});
  await page.getByTestId('queue-next').waitFor();
  await page.waitForURL((url) => url.pathname === '/queue');
  await expectBlind(page);
  await page.keyboard.press('n');
  await page.waitForURL((url) => url.pathname.startsWith('/review/'));
  await page.getByTestId('review-page').waitFor();
  const seen: string[] = [];
  const first = await shownItem(page);
  seen.push(first.itemId);
  const firstPath = new URL(page.url()).pathname;
  if (options.screenshots) await screenshot(page, 'review');
  await labelWithKeyboard(page, labelFor(first));
  await page.waitForURL((url) => url.pathname.startsWith('/review/') && url.pathname !== firstPath);
  await page.getByTestId('label-form').waitFor();
  const second = await shownItem(page);
  seen.push(second.itemId);
  await labelWithKeyboard(page, labelFor(second));
  await page.waitForURL((url) => url.pathname === '/queue');
  await page.getByTestId('queue-empty').waitFor();
  await expectBlind(page);
  if (options.screenshots) await screenshot(page, 'queue-empty');
  return seen;
}

describe.skipIf(chromiumState.kind === 'missing' && !chromiumState.required)(
  'the review app end to end in headless Chromium',
  () => {
    beforeAll(async () => {
      if (chromiumState.kind === 'missing') throw new Error(chromiumState.reason);
      if (!existsSync(join(WEB_ROOT, 'index.html'))) {
        await runCommand('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: REPO_ROOT });
      }
      mkdirSync(ARTIFACTS, { recursive: true });
      harness = await createReviewHarness({ rows: 160, webRoot: WEB_ROOT });
      // The harness's clock stands still; the browser's sessions and leases need the real time, and the
      // reviewers' order ("Reviewer A" submitted first) needs a clock that moves.
      Object.defineProperty(harness.clock, 'now', { get: () => new Date(), configurable: true });
      admin = await harness.signIn('admin');
      const created = await admin.request('POST', '/api/batches', {
        name: 'e2e',
        budget: 2,
        reviewersPerItem: 2,
      });
      expect(created.status, created.text).toBe(201);
      batchId = (created.json as { id: string }).id;
      const rows = await harness.store.db
        .select({ itemId: reviewItems.itemId, datasetId: reviewItems.datasetId, original: instances.label })
        .from(reviewItems)
        .innerJoin(
          instances,
          and(eq(instances.datasetId, reviewItems.datasetId), eq(instances.itemId, reviewItems.itemId)),
        )
        .where(eq(reviewItems.batchId, batchId))
        .orderBy(asc(reviewItems.rank));
      expect(rows).toHaveLength(2);
      items = rows.map((row, index) => ({ ...row, marker: `LBLMARK-${index + 1}-E2E` }));
      // Unique markers for the original labels, so that any leak to a physician's page is unmistakable.
      for (const item of items) {
        await harness.store.db
          .update(instances)
          .set({ label: item.marker })
          .where(and(eq(instances.datasetId, item.datasetId), eq(instances.itemId, item.itemId)));
      }
      baseUrl = await startServer();
      browser = await chromium.launch({ executablePath: chromiumState.executablePath, args: CHROMIUM_ARGS });
    }, 180_000);

    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await stopServer();
      await harness?.close();
    });

    it('two physicians label blind with the keyboard, the adjudicator decides, the stats show 50% agreement', async () => {
      // Alice's first item is the one both physicians agree on; on the other, Bob says "not computable".
      let agreedId = '';
      const aliceSeen = await labelBothItems(
        'alice',
        (item) => {
          if (agreedId === '') agreedId = item.itemId;
          return { kind: 'direct', answer: item.original };
        },
        { screenshots: true },
      );
      const bobSeen = await labelBothItems(
        'bob',
        (item) =>
          item.itemId === agreedId ? { kind: 'direct', answer: item.original } : { kind: 'not-computable' },
        { screenshots: false },
      );
      expect(new Set(aliceSeen)).toEqual(new Set(items.map((item) => item.itemId)));
      expect(new Set(bobSeen)).toEqual(new Set(aliceSeen));
      const agreed = items.find((item) => item.itemId === agreedId);
      const disputed = items.find((item) => item.itemId !== agreedId);
      if (agreed === undefined || disputed === undefined)
        throw new Error('the two items were not both labelled');
      // Checks that hang on the physicians' agreement are soft: if the agreement rule breaks, the rest of the
      // flow (adjudication, stats, event log) still runs and reports.
      const agreement = `identical direct answers (${agreed.original}) on item ${agreed.itemId} must agree`;
      const statusOf = async (itemId: string) =>
        (
          await harness.store.db
            .select({ status: reviewItems.status })
            .from(reviewItems)
            .where(and(eq(reviewItems.batchId, batchId), eq(reviewItems.itemId, itemId)))
        )[0]?.status;
      expect(await statusOf(agreed.itemId), agreement).toBe('resolved');
      expect(await statusOf(disputed.itemId)).toBe('escalated');

      // The adjudicator sees the escalated item with both reviewers (anonymous) and the original label.
      const dora = await openPage('dora');
      await signIn(dora, 'dora');
      await dora.waitForURL((url) => url.pathname === '/adjudicate');
      const link = dora.getByTestId(`adjudication-item-${batchId}-${disputed.itemId}`);
      await link.waitFor();
      expect
        .soft(await dora.getByTestId(`adjudication-item-${batchId}-${agreed.itemId}`).count(), agreement)
        .toBe(0);
      await link.focus();
      await dora.keyboard.press('Enter');
      await dora.getByTestId('adjudication-page').waitFor();
      await dora.getByTestId('decision-form').waitFor();
      const reviewerA = await dora.getByTestId('reviewer-A').innerText();
      const reviewerB = await dora.getByTestId('reviewer-B').innerText();
      // By submission order: Alice (an answer) labelled first, Bob (not computable) second.
      expect(reviewerA).toContain('Reviewer A');
      expect(reviewerA).toContain(disputed.original);
      expect(reviewerB).toContain('Reviewer B');
      expect(reviewerB).toContain('Not computable');
      expect(await dora.getByTestId('original-label').innerText()).toContain(disputed.marker);
      expect(await dora.getByTestId('escalated-because').innerText()).toMatch(/not computable/);
      const doraText = await dora.locator('body').innerText();
      expect(doraText).not.toContain(TEST_USERS.alice.email);
      expect(doraText).not.toContain(TEST_USERS.bob.email);
      // The decision form opens with the focus on its first field.
      expect(await hasFocus(dora, 'decision-outcome')).toBe(true);
      await dora.getByTestId('decision-label').fill(disputed.original);
      await dora.getByTestId('decision-category').selectOption('none');
      await dora
        .getByTestId('decision-rationale')
        .fill('The note gives every input; the original label is right.');
      // From the top: the note column is sticky, and a full-page shot of a scrolled page shifts it.
      await dora.evaluate('window.scrollTo(0, 0)');
      await screenshot(dora, 'adjudication');
      await dora.keyboard.press('Control+Enter');
      await dora.waitForURL((url) => url.pathname === '/adjudicate');
      await dora.getByTestId('adjudication-decided').waitFor();
      await dora
        .locator('[data-testid="adjudication-empty"], [data-testid="adjudication-list"]')
        .first()
        .waitFor();
      expect(await link.count()).toBe(0);
      expect(await dora.getByTestId('adjudication-empty').count(), agreement).toBe(1);

      // The stats page: 1 of 2 items agree, with a confidence interval.
      await dora.getByTestId('nav-stats').click();
      await dora.waitForURL((url) => url.pathname === '/stats');
      const percent = dora.getByTestId('stats-percent-agreement');
      await percent.waitFor();
      const percentText = await percent.innerText();
      expect(percentText).toMatch(/95% CI \d+(\.\d+)?%–\d+(\.\d+)?%/);
      expect(percentText).toMatch(/n = 2\b/);
      expect(percentText, agreement).toContain('50.0%');
      expect(await dora.getByTestId('stats-items-resolved').innerText(), agreement).toBe('2');
      await screenshot(dora, 'stats');

      // The store: both items resolved, one by agreement, one by adjudication.
      const stored = await harness.store.db
        .select()
        .from(reviewItems)
        .where(eq(reviewItems.batchId, batchId));
      const agreedRow = stored.find((row) => row.itemId === agreed.itemId);
      const disputedRow = stored.find((row) => row.itemId === disputed.itemId);
      expect
        .soft(agreedRow, agreement)
        .toMatchObject({ status: 'resolved', finalOutcome: 'answer', finalLabel: agreed.original });
      expect
        .soft(agreedRow?.provenance, agreement)
        .toMatchObject({ method: 'physician-agreement', reviewers: 2 });
      expect(disputedRow).toMatchObject({
        status: 'resolved',
        finalOutcome: 'answer',
        finalLabel: disputed.original,
      });
      expect(disputedRow?.provenance).toMatchObject({
        method: 'adjudicated',
        adjudicator: TEST_USERS.dora.email,
        reviewers: 2,
      });

      // The event log, in order, with its actors.
      const logged = await harness.store.db
        .select({ kind: events.kind, actor: events.actor, itemId: events.itemId })
        .from(events)
        .where(
          and(
            inArray(events.itemId, [agreed.itemId, disputed.itemId]),
            inArray(events.kind, ['label-submitted', 'item-resolved', 'item-escalated', 'item-adjudicated']),
          ),
        )
        .orderBy(asc(events.id));
      const alice = TEST_USERS.alice.email;
      const bob = TEST_USERS.bob.email;
      expect(logged.filter((event) => event.kind === 'label-submitted')).toEqual([
        { kind: 'label-submitted', actor: alice, itemId: agreed.itemId },
        { kind: 'label-submitted', actor: alice, itemId: disputed.itemId },
        { kind: 'label-submitted', actor: bob, itemId: agreed.itemId },
        { kind: 'label-submitted', actor: bob, itemId: disputed.itemId },
      ]);
      expect(logged, agreement).toEqual([
        { kind: 'label-submitted', actor: alice, itemId: agreed.itemId },
        { kind: 'label-submitted', actor: alice, itemId: disputed.itemId },
        { kind: 'label-submitted', actor: bob, itemId: agreed.itemId },
        { kind: 'item-resolved', actor: bob, itemId: agreed.itemId },
        { kind: 'label-submitted', actor: bob, itemId: disputed.itemId },
        { kind: 'item-escalated', actor: bob, itemId: disputed.itemId },
        { kind: 'item-adjudicated', actor: TEST_USERS.dora.email, itemId: disputed.itemId },
      ]);

      // No Content Security Policy violation on any page (no inline script or style slipped in).
      expect(consoleMessages.filter((message) => /Content Security Policy/i.test(message))).toEqual([]);
      // Nothing else either, but the 401 of each sign-in page's session check (no session yet).
      expect(consoleMessages.filter((message) => !/status of 401 \(Unauthorized\)/.test(message))).toEqual(
        [],
      );
    }, 90_000);
  },
);
