import type { RuleSet } from '../answers/types.js';
import type { Calculator } from '../calculators/define.js';
import type { InputSpec } from '../calculators/types.js';
import type { Instance } from '../dataset/instance.js';
import type { PythonValue } from '../dataset/python-literal.js';
import { QUANTITY_KINDS } from '../units/index.js';

/**
 * Whether a default applied to a missing input can change the answer. Each input the note does not mention is
 * supplied, one at a time, with its other plausible values, and the calculator is run again on the row's entities:
 * - boolean: present and absent;
 * - enum: every option;
 * - sex: male and female;
 * - quantity: both ends of the kind's plausible range (`QUANTITY_KINDS[kind].plausible`, the extremes a living
 *   patient can have, e.g. PaCO₂ 5 and 800 mm Hg). Every score here gives points that grow monotonically away
 *   from normal in each direction (APACHE II, SIRS, CURB-65, Glasgow-Blatchford...), so a value the extremes do
 *   not move the answer with cannot move it either; the default itself is the normal value;
 * - unitless number: both ends of its spec's `plausible` range (0–100 for a percentage without one);
 * - date and drug dose: no alternative is formed (the default is `untested`).
 * The default is attributed to an input by the assumptions that disappear when the input is supplied, so every
 * assumption text of the baseline run is accounted for (those no input explains are `untested`).
 *
 * A default `matters` when some alternative gives an answer outside the answer rules' tolerance around the
 * baseline answer (the rule set judges the alternative as if the baseline were the label, with the ±5 % limits
 * the v1.0 rows carry), or makes a computable row not computable or the reverse. `immaterial` when every
 * alternative was computed and none moves it; `untested` when no alternative could be formed or computed.
 * Inputs are varied one at a time: two defaults that only change the answer together are not detected.
 */

export const DEFAULT_EFFECTS = ['matters', 'immaterial', 'untested'] as const;
export type DefaultEffect = (typeof DEFAULT_EFFECTS)[number];

export interface DefaultAlternative {
  /** The alternative value, as written for a reader ("present", "5 mm Hg", "moderate"). */
  value: string;
  /** The answer with it; null when not computable. */
  answer: string | null;
  moves: boolean;
}

export interface DefaultSensitivity {
  /** The calculator's input name (camelCase); null for assumptions no single input explains. */
  input: string | null;
  label: string | null;
  /** The baseline's assumption texts this input's default accounts for. */
  assumptions: string[];
  alternatives: DefaultAlternative[];
  effect: DefaultEffect;
}

interface Alternative {
  value: string;
  raw: PythonValue;
}

function alternativesOf(spec: InputSpec): Alternative[] {
  switch (spec.type) {
    case 'boolean':
      return [
        { value: 'present', raw: true },
        { value: 'absent', raw: false },
      ];
    case 'enum':
      return spec.options.map((option) => ({ value: option, raw: option }));
    case 'sex':
      return [
        { value: 'male', raw: 'Male' },
        { value: 'female', raw: 'Female' },
      ];
    case 'quantity': {
      const kind = QUANTITY_KINDS[spec.quantity];
      return kind.plausible.map((end) => ({ value: `${end} ${kind.display}`, raw: [end, kind.canonical] }));
    }
    case 'number': {
      // A percentage without a stated range (SIRS bands) spans 0–100 %.
      const range = spec.plausible ?? (spec.unit === '%' ? ([0, 100] as const) : undefined);
      return (range ?? []).map((end) => ({ value: `${end}${spec.unit ? ` ${spec.unit}` : ''}`, raw: end }));
    }
    case 'date':
    case 'drug-dose':
      return [];
  }
}

/** The ±5 % limits the v1.0 rows carry, around a numeric baseline; none for dates and other answers. */
function limitsAround(answer: string): { lowerLimit?: string; upperLimit?: string } {
  const value = Number(answer);
  if (!Number.isFinite(value)) return {};
  const [low, high] = [value * 0.95, value * 1.05].sort((a, b) => a - b) as [number, number];
  return { lowerLimit: String(low), upperLimit: String(high) };
}

export interface SensitivityInput {
  instance: Instance;
  calculator: Calculator;
  ruleSet: RuleSet;
  /** The baseline run on the stored entities: its answer (null when not computable) and assumptions. */
  baseline: { answer: string | null; assumptions: readonly string[] };
}

/** One entry per defaulted input (and one for assumptions no input explains); empty when nothing was defaulted. */
export function testDefaultSensitivity({
  instance,
  calculator,
  ruleSet,
  baseline,
}: SensitivityInput): DefaultSensitivity[] {
  const entities = instance.entities;
  if (baseline.assumptions.length === 0 || entities === undefined) return [];
  const moves = (answer: string | null): boolean => {
    if (answer === null || baseline.answer === null) return answer !== baseline.answer;
    const item = {
      calculatorId: instance.calculatorId,
      label: baseline.answer,
      ...limitsAround(baseline.answer),
    };
    return !ruleSet.judgeAnswer(answer, item).correct;
  };
  const explained = new Set<string>();
  const results: DefaultSensitivity[] = [];
  for (const [name, spec] of Object.entries(calculator.inputs)) {
    const key = spec.entityKeys[0];
    if (key === undefined || spec.entityKeys.some((candidate) => entities[candidate] !== undefined)) continue;
    const runs = alternativesOf(spec).map((alternative) => ({
      alternative,
      result: calculator.run({ ...entities, [key]: alternative.raw }, { origin: 'entities' }),
    }));
    const computed = runs.filter(({ result }) => result.status === 'computed');
    // The assumptions this input accounts for: those gone from a run that supplied it.
    const reference = (computed[0] ?? runs[0])?.result;
    if (reference === undefined) continue;
    const assumptions = baseline.assumptions.filter(
      (text) => !explained.has(text) && !reference.assumptions.includes(text),
    );
    if (assumptions.length === 0) continue;
    for (const text of assumptions) explained.add(text);
    const alternatives = runs.map(({ alternative, result }) => {
      const answer = result.status === 'computed' ? result.answer : null;
      return { value: alternative.value, answer, moves: moves(answer) };
    });
    const effect: DefaultEffect = alternatives.some((alternative) => alternative.moves)
      ? 'matters'
      : alternatives.length === 0
        ? 'untested'
        : 'immaterial';
    results.push({ input: name, label: spec.label, assumptions, alternatives, effect });
  }
  const unexplained = baseline.assumptions.filter((text) => !explained.has(text));
  if (unexplained.length > 0) {
    results.push({
      input: null,
      label: null,
      assumptions: unexplained,
      alternatives: [],
      effect: 'untested',
    });
  }
  return results;
}

/** A short account of what the alternatives give, for a finding's message. */
export function describeSensitivity(entry: DefaultSensitivity, baseline: string | null): string {
  const shown = baseline ?? 'not computable';
  switch (entry.effect) {
    case 'untested':
      return 'whether another value changes the answer was not tested';
    case 'immaterial':
      return `no other value moves the answer ${shown} beyond tolerance (tried ${entry.alternatives
        .map((each) => each.value)
        .join(', ')})`;
    case 'matters': {
      const moving = entry.alternatives.filter((each) => each.moves);
      return `another value changes the answer: ${moving
        .map((each) => `${each.value} gives ${each.answer ?? 'not computable'}`)
        .join(', ')} (not ${shown})`;
    }
  }
}
