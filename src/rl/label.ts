/**
 * The label a reward is computed against, whatever shape the trainer hands over: our export's JSON label string,
 * a bare answer (string or number), or a `[lower, upper]` pair as the published verl data writes it.
 */

/** How N/A labels may be written; our exports write `N/A`. Compared lower-case after trimming. */
const NOT_COMPUTABLE_ANSWERS = new Set(['n/a', 'na', 'unknown', 'not computable', 'not-computable', 'none']);

export interface RewardLabel {
  /** The label as written (`N/A` for every not-computable item). */
  answer: string;
  /** True when the item has no computable answer (the label is N/A). */
  notComputable: boolean;
  lower: string | undefined;
  upper: string | undefined;
  calculatorId: number | undefined;
  outputType: string | undefined;
}

export type LabelParse = { ok: true; label: RewardLabel } | { ok: false; reason: string };

/** Optional fields a caller may give beside the label; they win over the label's own. */
export interface LabelOverrides {
  lower?: string | number | null | undefined;
  upper?: string | number | null | undefined;
  calculatorId?: number | null | undefined;
  outputType?: string | null | undefined;
}

export function isNotComputableAnswer(answer: string): boolean {
  return NOT_COMPUTABLE_ANSWERS.has(answer.trim().toLowerCase());
}

function readLimit(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || isNotComputableAnswer(trimmed) ? undefined : trimmed;
}

function buildLabel(answerValue: string, fields: Readonly<Record<string, unknown>>): RewardLabel {
  const answer = answerValue.trim();
  const notComputable = isNotComputableAnswer(answer);
  const calculatorId = fields['calculatorId'] ?? fields['calculator_id'];
  const outputType = fields['outputType'] ?? fields['output_type'];
  return {
    answer: notComputable ? 'N/A' : answer,
    notComputable,
    lower: notComputable ? undefined : readLimit(fields['lower']),
    upper: notComputable ? undefined : readLimit(fields['upper']),
    calculatorId:
      typeof calculatorId === 'number' && Number.isInteger(calculatorId) ? calculatorId : undefined,
    outputType: typeof outputType === 'string' && outputType !== '' ? outputType : undefined,
  };
}

function fromObject(value: Readonly<Record<string, unknown>>): LabelParse {
  const answer = value['answer'];
  if (typeof answer === 'number' && Number.isFinite(answer))
    return { ok: true, label: buildLabel(String(answer), value) };
  if (typeof answer !== 'string' || answer.trim() === '')
    return { ok: false, reason: 'the label object has no "answer" (a non-empty string or a number)' };
  return { ok: true, label: buildLabel(answer, value) };
}

/** `[lower, upper]`: the answer is the bound when both agree, else the midpoint of two numbers. */
function fromPair(value: readonly unknown[]): LabelParse {
  const [lower, upper] = value.map((bound) =>
    typeof bound === 'number' ? String(bound) : typeof bound === 'string' ? bound.trim() : undefined,
  );
  if (value.length !== 2 || lower === undefined || upper === undefined || lower === '' || upper === '')
    return { ok: false, reason: 'a label list must be [lower, upper] with two strings or numbers' };
  if (isNotComputableAnswer(lower) && isNotComputableAnswer(upper))
    return { ok: true, label: buildLabel('N/A', {}) };
  const low = Number(lower);
  const high = Number(upper);
  const answer =
    lower === upper || !Number.isFinite(low) || !Number.isFinite(high) ? lower : String((low + high) / 2);
  return { ok: true, label: buildLabel(answer, { lower, upper }) };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads a label as trainers pass it. A string starting with `{` or `[` is read as JSON (our label object, or a
 * `[lower, upper]` pair); any other string or a number is the answer itself. Empty labels and `null` are
 * refused: they mean the trainer was not told which column holds the label.
 */
export function parseRewardLabel(value: unknown, overrides: LabelOverrides = {}): LabelParse {
  let parsed: LabelParse;
  if (typeof value === 'number') {
    parsed = Number.isFinite(value)
      ? { ok: true, label: buildLabel(String(value), {}) }
      : { ok: false, reason: 'the label is not a finite number' };
  } else if (typeof value === 'string') {
    const trimmed = value.trim();
    const json = trimmed.startsWith('{') || trimmed.startsWith('[') ? parseJsonText(trimmed) : undefined;
    if (trimmed === '') parsed = { ok: false, reason: 'the label is empty' };
    else if (Array.isArray(json)) parsed = fromPair(json);
    else if (typeof json === 'object' && json !== null) parsed = fromObject(json as Record<string, unknown>);
    else parsed = { ok: true, label: buildLabel(trimmed, {}) };
  } else if (Array.isArray(value)) {
    parsed = fromPair(value);
  } else if (typeof value === 'object' && value !== null) {
    parsed = fromObject(value as Record<string, unknown>);
  } else {
    parsed = { ok: false, reason: 'the label is missing (null)' };
  }
  return parsed.ok ? { ok: true, label: applyOverrides(parsed.label, overrides) } : parsed;
}

function applyOverrides(label: RewardLabel, overrides: LabelOverrides): RewardLabel {
  const lower = readLimit(overrides.lower);
  const upper = readLimit(overrides.upper);
  return {
    ...label,
    lower: label.notComputable ? undefined : (lower ?? label.lower),
    upper: label.notComputable ? undefined : (upper ?? label.upper),
    calculatorId:
      typeof overrides.calculatorId === 'number' && Number.isInteger(overrides.calculatorId)
        ? overrides.calculatorId
        : label.calculatorId,
    outputType:
      typeof overrides.outputType === 'string' && overrides.outputType !== ''
        ? overrides.outputType
        : label.outputType,
  };
}
