import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { getRuleSet } from '../src/answers/index.js';
import { createAnswerAgreement, decideItem } from '../src/review/resolve.js';
import { addUser } from '../src/store/accounts.js';
import { openStore } from '../src/store/open.js';
import { claimNextAssignment } from '../src/store/review-assignments.js';
import type { AssignmentEntry } from '../src/store/review-assignments.js';
import { submitReviewLabel } from '../src/store/review-labels.js';

/**
 * Physicians (one account per e-mail, in order) take every item open to them in the store under `folder` and
 * submit direct answers: `answerFor` gets the physician's index, how many items that physician labelled before,
 * and the assignment. Items are decided with the review rules, as the server does.
 */
export async function labelAllBatches(
  folder: string,
  options: {
    emails: readonly string[];
    now: Date;
    answerFor: (physician: number, count: number, entry: AssignmentEntry) => string;
  },
): Promise<void> {
  const store = await openStore({ kind: 'pglite', dataDir: join(folder, '.steward', 'db') });
  try {
    for (const [index, email] of options.emails.entries()) {
      const physician = await addUser(store.db, { email, role: 'physician', actor: 'test' });
      for (let count = 0; ; count += 1) {
        const entry = await claimNextAssignment(store.db, {
          userId: physician.id,
          actor: physician.email,
          now: options.now,
          newId: randomUUID,
        });
        if (entry === null) break;
        await submitReviewLabel(store.db, {
          assignmentId: entry.assignmentId,
          userId: physician.id,
          actor: physician.email,
          label: {
            mode: 'direct',
            outcome: 'answer',
            answer: options.answerFor(index, count, entry),
            inputs: [],
            notComputableReason: null,
            comment: null,
            minutes: 2,
            measuredMinutes: 2,
            secondOpinion: false,
          },
          now: options.now,
          decide: (labels, required) =>
            decideItem(labels, required, createAnswerAgreement(getRuleSet('relative-5pct'), undefined)),
        });
      }
    }
  } finally {
    await store.close();
  }
}
