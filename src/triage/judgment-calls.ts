import { z } from 'zod';
import { DEFAULT_EFFECTS, type DefaultSensitivity } from '../verify/default-sensitivity.js';
import type { Finding } from '../verify/types.js';
import { isBlindLlm } from './llm-rules.js';
import type { TriagePolicy } from './policy.js';
import type { VerifierPosition } from './positions.js';
import { describeFinding, findingsOf, hold, note } from './reasons.js';
import type { Rules } from './reasons.js';

/**
 * Judgment calls behind a change (a relabel or N/A). First a suspect extraction: a blocking-category finding too
 * mild to block on its own (an extraction-error warning) from any counted non-blind verifier, one reason per
 * finding. Then the defaults a label verifier applied to missing inputs, in one reason per verifier and effect:
 * under `assumptionsAreJudgmentCalls: 'when-they-matter'` only the defaults that can change the answer hold the
 * item (`default-matters`), the others are context (`default-immaterial`); `true` holds for every default
 * (`judgment-call`), `false` for none. A label verifier without `details.defaults` (an LLM verifier, an older
 * recompute) has its underspecified-question warnings read as defaults that matter.
 */

export interface JudgmentContext {
  policy: TriagePolicy;
  positions: readonly VerifierPosition[];
  judging: readonly VerifierPosition[];
  /** Findings already reported by the blocking and implausible-input rules. */
  named: ReadonlySet<Finding>;
}

const defaultsSchema = z.array(
  z.object({
    input: z.string().nullable(),
    label: z.string().nullable(),
    assumptions: z.array(z.string()),
    alternatives: z.array(z.object({ value: z.string(), answer: z.string().nullable(), moves: z.boolean() })),
    effect: z.enum(DEFAULT_EFFECTS),
  }),
) satisfies z.ZodType<DefaultSensitivity[]>;

/** The defaults a position's verdict tested (recompute ≥ 1.3.0), or undefined when it carries none. */
export function readDefaults(position: VerifierPosition): DefaultSensitivity[] | undefined {
  for (const verdict of position.backing) {
    const parsed = defaultsSchema.safeParse(verdict.details['defaults']);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

function describeDefault(entry: DefaultSensitivity): string {
  const assumed = entry.assumptions.join('; ');
  const moving = entry.alternatives.filter((alternative) => alternative.moves);
  if (entry.effect === 'untested') return `${assumed} (other values not tested)`;
  if (moving.length === 0) return assumed;
  const shown = moving
    .map((alternative) => `${alternative.value} gives ${alternative.answer ?? 'not computable'}`)
    .join(', ');
  return `${assumed} (${shown})`;
}

function checkDefaults(
  rules: Rules,
  position: VerifierPosition,
  context: JudgmentContext & { change: string },
) {
  const { change } = context;
  const mode = context.policy.assumptionsAreJudgmentCalls;
  const tested = readDefaults(position);
  const entries: DefaultSensitivity[] =
    tested ??
    findingsOf(position, 'warning')
      .filter((finding) => finding.category === 'underspecified-question')
      .map((finding) => ({
        input: null,
        label: null,
        assumptions: [describeFinding(position.verifier, finding)],
        alternatives: [],
        effect: 'untested',
      }));
  if (entries.length === 0) return;
  const list = (chosen: readonly DefaultSensitivity[]) => chosen.map(describeDefault).join('; ');
  const source = `${position.verifier}'s default`;
  if (mode === true || mode === false) {
    (mode ? hold : note)(
      rules,
      'judgment-call',
      `${change} rests on ${entries.length} ${source}(s): ${list(entries)}${mode ? '' : ' (not a judgment call under this policy)'}`,
    );
    return;
  }
  const matter = entries.filter((entry) => entry.effect !== 'immaterial');
  const immaterial = entries.filter((entry) => entry.effect === 'immaterial');
  if (matter.length > 0) {
    hold(
      rules,
      'default-matters',
      `${change} rests on ${matter.length} ${source}(s) that another value could change: ${list(matter)}`,
    );
  }
  if (immaterial.length > 0) {
    note(
      rules,
      'default-immaterial',
      `${immaterial.length} ${source}(s) cannot change the answer: ${list(immaterial)}`,
    );
  }
}

export function checkJudgmentCalls(
  rules: Rules,
  context: JudgmentContext,
  change: { text: string; kind: 'relabel' | 'not-computable' },
): void {
  const text = change.text;
  const { policy } = context;
  for (const position of context.positions) {
    for (const finding of findingsOf(position, 'warning')) {
      if (!policy.blockingCategories.includes(finding.category) || context.named.has(finding)) continue;
      if (isBlindLlm(position)) continue;
      hold(
        rules,
        'judgment-call',
        // The input first: in a queue cut to 80 characters the part that differs from item to item must show.
        `${finding.entity === undefined ? '' : `"${finding.entity}": `}${text} rests on a suspect extraction (${position.verifier}: ${finding.category}, ${finding.severity}): ${finding.message}`,
      );
    }
  }
  for (const position of context.judging) checkDefaults(rules, position, { ...context, change: text });
  // A relabel that rests on one of several values the note gives at different time points, where the choice
  // changes the answer (entity-check's underspecified-question warnings): which value the question means is a
  // physician's call. (A not-computable finding does not rest on the value chosen, so it is not held for this.)
  if (change.kind !== 'relabel') return;
  for (const position of context.positions) {
    if (context.judging.includes(position) || isBlindLlm(position)) continue;
    for (const finding of findingsOf(position, 'warning')) {
      if (finding.category !== 'underspecified-question' || context.named.has(finding)) continue;
      hold(
        rules,
        'time-point-matters',
        `${text} rests on one reading of a note that gives several values: ${describeFinding(position.verifier, finding)}`,
      );
    }
  }
}
