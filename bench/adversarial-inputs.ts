/**
 * Adversarial-input timings (issue 17): the inputs a new user found that used to hang or crash the parsers and
 * extractors, each timed once warm (median of 5 runs). The unit tests only check that these finish and count the
 * scanners' steps; the wall-clock figures live here.
 */
import { RULE_SETS } from '../src/answers/index.js';
import { evaluatePythonExpression } from '../src/answers/python-expression.js';
import { buildDataset } from '../src/dataset/build.js';
import { safeParsePythonLiteral } from '../src/dataset/python-literal.js';
import { V1_HEADER, V1_PARQUET_ROWS } from '../src/dataset/test-fixtures.js';

export interface AdversarialTiming {
  name: string;
  inputChars: number;
  medianMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(name: string, input: string, run: (input: string) => unknown): AdversarialTiming {
  const times: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const start = performance.now();
    run(input);
    times.push(performance.now() - start);
  }
  return { name, inputChars: input.length, medianMs: median(times) };
}

const ITEM = { calculatorId: 6, label: '24.2', lowerLimit: '23', upperLimit: '25.4' };

function scoreAllStyles(response: string): void {
  for (const ruleSet of Object.values(RULE_SETS))
    for (const style of ['json', 'tag', 'auto'] as const) ruleSet.scoreResponse(response, ITEM, style);
}

/** Times each adversarial input. */
export function measureAdversarialInputs(): AdversarialTiming[] {
  const row = Object.fromEntries(
    Object.entries(V1_PARQUET_ROWS[0] ?? {}).map(([key, value]) => [key, String(value)]),
  );
  const deepList = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  return [
    time(
      'score: "answer": key ×200,000, no closing brace (2 rule sets × 3 styles)',
      `{"answer": ${'"answer": '.repeat(200_000)}`,
      scoreAllStyles,
    ),
    time(
      'score: step_by_step_thinking ×200,000',
      `{"step_by_step_thinking": ${'"step_by_step_thinking": '.repeat(200_000)}`,
      scoreAllStyles,
    ),
    time('score: <answer> ×200,000, never closed', '<answer>'.repeat(200_000), scoreAllStyles),
    time('score: lenient "answer": [, ×200,000', '"answer": [,'.repeat(200_000), scoreAllStyles),
    time(
      'score: 1 MB of digits in a str(...) answer',
      `{"answer": "${'1'.repeat(1_000_000)}x%"}`,
      scoreAllStyles,
    ),
    time('parse: Relevant Entities nested 10,000 deep', deepList, safeParsePythonLiteral),
    time('parse: a 200,000-item set', `{${'1, '.repeat(200_000)}}`, safeParsePythonLiteral),
    time('evaluate: str() nested 10,000 deep', `${'('.repeat(10_000)}1${')'.repeat(10_000)}`, (text) => {
      try {
        evaluatePythonExpression(text);
      } catch {
        // Refused, as intended: the timing is the point.
      }
    }),
    time('dataset: one row with the 10,000-deep literal', deepList, (text) =>
      buildDataset([{ ...row, 'Relevant Entities': text }], {
        source: 'bench',
        format: 'csv',
        headers: V1_HEADER,
      }),
    ),
  ];
}

/** One line per timing, for bench/run.ts's printout. */
export function describeAdversarialInputs(timings: readonly AdversarialTiming[]): string {
  return timings
    .map(
      (timing) =>
        `  ${timing.name}: ${timing.medianMs.toFixed(1)} ms (${(timing.inputChars / 1e6).toFixed(2)} M chars)`,
    )
    .join('\n');
}
