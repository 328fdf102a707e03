import type { Step } from '../calculators/types.js';
import {
  countShared,
  extractDates,
  extractNumbers,
  extractWords,
  findConversions,
  isExactly,
  isSameNumber,
  splitCriterionBlocks,
  splitSentences,
  type CriterionBlock,
  type OriginalConversion,
} from './divergence-text.js';

/**
 * Where Steward's derivation and the original `Ground Truth Explanation` part ways. The original explanation is
 * templated prose, so this is a heuristic: numbers are matched allowing for the original's 3-decimal rounding,
 * score criteria by their points, and a step is only blamed when the prose shows a different value or never uses
 * one of the step's operands. When unsure, no divergence is reported.
 */
export type DivergenceKind = 'unit-conversion' | 'calculator-logic';

/** One quantity entity of the row: its raw `[value, unit]` and our exact value in the canonical unit. */
export interface EntityQuantity {
  entity: string;
  rawValue: number;
  rawUnit: string;
  /** Our exact conversion into the canonical unit of the input's quantity kind. */
  value: number;
  /** The raw unit text is not the canonical unit, so a conversion (or a unit-typo reading) was involved. */
  converted: boolean;
}

export interface Divergence {
  ourStepIndex: number;
  ourStep: string;
  /** The nearest related sentence of the original explanation; null when the original never mentions it. */
  originalSentenceIndex: number | null;
  originalSentence: string | null;
  ourValue: number | string | null;
  originalValue: number | string | null;
  kind: DivergenceKind;
  /** The `Relevant Entities` key whose conversion differs (unit-conversion divergences). */
  entity?: string;
  /** For a score criterion: the points each side gives it (null when the original does not score it). */
  points?: { ours: number; original: number | null };
  /** One sentence: what differs. */
  reason: string;
}

export interface DivergenceInput {
  steps: readonly Step[];
  explanation: string;
  label: string;
  quantities: readonly EntityQuantity[];
}

interface Context {
  sentences: string[];
  sentenceWords: Set<string>[];
  sentenceNumbers: number[][];
  allNumbers: number[];
  allDates: Set<string>;
  blocks: CriterionBlock[];
  conversions: OriginalConversion[];
  quantities: readonly EntityQuantity[];
  label: string;
}

function buildContext(input: DivergenceInput): Context {
  const sentences = splitSentences(input.explanation);
  const sentenceNumbers = sentences.map(extractNumbers);
  return {
    sentences,
    sentenceWords: sentences.map(extractWords),
    sentenceNumbers,
    allNumbers: sentenceNumbers.flat(),
    allDates: new Set(sentences.flatMap(extractDates)),
    blocks: splitCriterionBlocks(sentences, sentenceNumbers),
    conversions: findConversions(sentences, input.quantities),
    quantities: input.quantities,
    label: input.label,
  };
}

function isPrinted(context: Context, value: number): boolean {
  return context.allNumbers.some((printed) => isSameNumber(value, printed));
}

/**
 * A converted entity this step uses (by its exact canonical value) whose value the original got differently: it
 * printed another conversion, or (no conversion printed) never wrote our value at all.
 */
function findConversionDifference(
  context: Context,
  stepNumbers: readonly number[],
): { quantity: EntityQuantity; conversion: OriginalConversion | undefined } | undefined {
  for (const quantity of context.quantities) {
    if (!stepNumbers.some((number) => isExactly(quantity.value, number))) continue;
    const conversion = context.conversions.find((candidate) => candidate.quantity === quantity);
    if (conversion !== undefined) {
      if (!isSameNumber(quantity.value, conversion.value)) return { quantity, conversion };
    } else if (quantity.converted && !isPrinted(context, quantity.value)) {
      return { quantity, conversion: undefined };
    }
  }
  return undefined;
}

function describeValue(value: number | string | null): string {
  return value === null ? 'nothing' : String(value);
}

function conversionDivergence(
  base: Pick<Divergence, 'ourStepIndex' | 'ourStep'>,
  context: Context,
  found: {
    difference: { quantity: EntityQuantity; conversion: OriginalConversion | undefined };
    points?: Divergence['points'];
    fallbackSentence?: number;
  },
): Divergence {
  const { difference, points, fallbackSentence } = found;
  const { quantity, conversion } = difference;
  const sentenceIndex = conversion?.sentenceIndex ?? fallbackSentence ?? null;
  const originalValue = conversion?.value ?? null;
  return {
    ...base,
    originalSentenceIndex: sentenceIndex,
    originalSentence: sentenceIndex === null ? null : context.sentences[sentenceIndex]!,
    ourValue: quantity.value,
    originalValue,
    kind: 'unit-conversion',
    entity: quantity.entity,
    ...(points === undefined ? {} : { points }),
    reason:
      `${quantity.entity} ${quantity.rawValue} ${quantity.rawUnit} is ${quantity.value} in our canonical unit; ` +
      `the original ${conversion === undefined ? 'never uses that value' : `converted it to ${describeValue(originalValue)}`}`,
  };
}

function findRelatedSentence(context: Context, text: string, numbers: readonly number[]): number | null {
  const words = extractWords(text);
  let best: number | null = null;
  let bestScore = 0;
  context.sentences.forEach((_sentence, index) => {
    const sharedNumbers = numbers.filter((number) =>
      context.sentenceNumbers[index]!.some((printed) => isSameNumber(number, printed)),
    ).length;
    const score = countShared(words, context.sentenceWords[index]!) + 2 * sharedNumbers;
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

function scoreBlock(
  block: CriterionBlock,
  criterion: { name: Set<string>; words: Set<string>; numbers: number[] },
): number {
  const sharedWords =
    3 * countShared(criterion.name, block.words) + countShared(criterion.words, block.words);
  if (sharedWords === 0) return 0;
  return (
    sharedWords +
    criterion.numbers.filter((number) => block.numbers.some((printed) => isSameNumber(number, printed)))
      .length
  );
}

function checkCriterion(
  context: Context,
  step: Step,
  base: Pick<Divergence, 'ourStepIndex' | 'ourStep'>,
): Divergence | null {
  const ours = step.points!;
  const criterionText = step.text.slice(0, Math.max(0, step.text.lastIndexOf(':'))) || step.text;
  const nameEnd = criterionText.indexOf(':');
  const name = extractWords(nameEnd < 0 ? criterionText : criterionText.slice(0, nameEnd));
  const words = new Set([...extractWords(criterionText)].filter((word) => !name.has(word)));
  const criterion = { name, words, numbers: extractNumbers(criterionText) };
  const scores = context.blocks.map((block) => scoreBlock(block, criterion));
  const bestScore = Math.max(0, ...scores);
  if (bestScore === 0) {
    if (ours === 0) return null;
    return {
      ...base,
      originalSentenceIndex: null,
      originalSentence: null,
      ourValue: ours,
      originalValue: null,
      kind: 'calculator-logic',
      points: { ours, original: null },
      reason: `we give this criterion ${ours} points; the original explanation never scores it`,
    };
  }
  const best = context.blocks.flatMap((block, index) => (scores[index] === bestScore ? [index] : []));
  // Equally good matches (a criterion printed twice, words shared with a neighbour) and one of our steps folding
  // two non-zero steps of the original's (PSI: age, then −10 for women) count as found.
  const pointsAt = (index: number): number => context.blocks[index]?.points || Number.NaN;
  const found = best.some(
    (index) =>
      context.blocks[index]!.points === ours ||
      pointsAt(index) + pointsAt(index + 1) === ours ||
      pointsAt(index - 1) + pointsAt(index) === ours,
  );
  if (found) return null;
  const block = context.blocks[best[0]!]!;
  const points = { ours, original: block.points };
  // Within the block, the sentence that names the criterion best (the points sentence on a tie).
  let sentenceIndex = block.end;
  let sentenceScore = 0;
  for (let index = block.start; index <= block.end; index++) {
    const score =
      countShared(name, context.sentenceWords[index]!) * 3 +
      countShared(words, context.sentenceWords[index]!);
    if (score > 0 && score >= sentenceScore) [sentenceIndex, sentenceScore] = [index, score];
  }
  const difference = findConversionDifference(context, extractNumbers(step.text));
  if (difference !== undefined) {
    return conversionDivergence(base, context, { difference, points, fallbackSentence: sentenceIndex });
  }
  return {
    ...base,
    originalSentenceIndex: sentenceIndex,
    originalSentence: context.sentences[sentenceIndex]!,
    ourValue: ours,
    originalValue: block.points,
    kind: 'calculator-logic',
    points,
    reason: `we give this criterion ${ours} points; the original gives ${block.points}`,
  };
}

function checkTotal(
  context: Context,
  step: Step,
  base: Pick<Divergence, 'ourStepIndex' | 'ourStep'>,
): Divergence | null {
  const total = extractNumbers(step.text)[0];
  const label = Number(context.label);
  if (total === undefined || !Number.isFinite(label) || isSameNumber(total, label)) return null;
  const index = context.sentences.findLastIndex((_sentence, at) =>
    context.sentenceNumbers[at]!.some((printed) => isSameNumber(label, printed)),
  );
  return {
    ...base,
    originalSentenceIndex: index < 0 ? null : index,
    originalSentence: index < 0 ? null : context.sentences[index]!,
    ourValue: total,
    originalValue: label,
    kind: 'calculator-logic',
    reason: `every criterion scores alike, but our total is ${total} and the original's ${label}`,
  };
}

/** For our final step: the original's last sentence that states the label after "=", else the nearest one. */
function findLabelSentence(
  context: Context,
  text: string,
  numbers: readonly number[],
): { index: number | null; value: string } {
  const label = Number(context.label);
  const labelDate = extractDates(context.label)[0];
  const index = context.sentences.findLastIndex((sentence, at) => {
    const after = sentence.slice(sentence.lastIndexOf('=') + 1);
    if (labelDate !== undefined) return extractDates(sentence).includes(labelDate);
    return (
      sentence.includes('=') &&
      Number.isFinite(label) &&
      context.sentenceNumbers[at]!.length > 0 &&
      extractNumbers(after).some((printed) => isSameNumber(label, printed))
    );
  });
  return { index: index >= 0 ? index : findRelatedSentence(context, text, numbers), value: context.label };
}

/**
 * For an intermediate step: the nearest related sentence, or the one after it, that states a result ("= 1.267",
 * "… ratio is 1.267.") other than our operands and the raw entity values; the related sentence when none does.
 */
function findStatedResult(
  context: Context,
  step: { text: string; numbers: readonly number[]; operands: readonly number[] },
): { index: number | null; value: number | null } {
  const related = findRelatedSentence(context, step.text, step.numbers);
  if (related === null) return { index: null, value: null };
  const known = [...step.operands, ...context.quantities.map((quantity) => quantity.rawValue)];
  for (const index of [related, related + 1]) {
    const sentence = context.sentences[index];
    if (sentence === undefined) continue;
    const stated = sentence.includes('=')
      ? extractNumbers(sentence.slice(sentence.lastIndexOf('=') + 1))[0]
      : /\bis (-?\d+(?:\.\d+)?)\.?$/.exec(sentence)?.[1];
    const value = stated === undefined ? undefined : Number(stated);
    if (value !== undefined && !known.some((number) => isSameNumber(number, value))) return { index, value };
  }
  return { index: related, value: null };
}

function checkFormula(
  context: Context,
  step: Step,
  at: { base: Pick<Divergence, 'ourStepIndex' | 'ourStep'>; isLast: boolean },
): Divergence | null {
  const { base, isLast } = at;
  const numbers = extractNumbers(step.text);
  const difference = findConversionDifference(context, numbers);
  if (difference !== undefined) return conversionDivergence(base, context, { difference });
  // The result follows the last "=", or a lone number after the last ":" ("bounded to 1–4: 2").
  const separator = step.text.includes('=') ? step.text.lastIndexOf('=') : step.text.lastIndexOf(':');
  if (separator < 0) return null;
  const resultText = step.text.slice(separator + 1);
  if (!step.text.includes('=') && !/^\s*-?\d[\d.]*\s*[^\d\s]*\s*$/.test(resultText)) return null;
  const resultDate = extractDates(resultText)[0];
  const resultNumber = resultDate === undefined ? extractNumbers(resultText)[0] : undefined;
  if (resultDate !== undefined ? context.allDates.has(resultDate) : resultNumber === undefined) return null;
  if (resultNumber !== undefined && isPrinted(context, resultNumber)) return null;
  const operands = extractNumbers(step.text.slice(0, separator));
  const missing = operands.filter((operand) => !isPrinted(context, operand));
  // All operands appear and the result is simply not printed: nothing to compare, unless this is our answer.
  if (missing.length === 0 && !isLast) return null;
  const ourValue = resultDate ?? resultNumber ?? null;
  const { index: related, value: originalValue } = isLast
    ? findLabelSentence(context, step.text, numbers)
    : findStatedResult(context, { text: step.text, numbers, operands });
  const relatedSentence = related === null ? null : context.sentences[related]!;
  return {
    ...base,
    originalSentenceIndex: related,
    originalSentence: relatedSentence,
    ourValue,
    originalValue,
    kind: 'calculator-logic',
    reason:
      missing.length > 0
        ? `the original never uses ${missing.join(', ')} where we compute ${describeValue(ourValue)}`
        : `our result ${describeValue(ourValue)} differs from the original's ${describeValue(originalValue)}`,
  };
}

/**
 * Walks our derivation in order and returns every independent divergence: each score criterion the original
 * scores differently (criteria are scored independently), each converted input the original converted
 * differently (one per entity), and the first formula step whose result differs when no earlier divergence
 * explains it (later formula steps inherit an earlier difference). A total that differs although every
 * criterion agrees is named only when nothing else is. Empty when every step is consistent with the prose or
 * cannot be checked against it.
 */
export function locateDivergences(input: DivergenceInput): Divergence[] {
  if (input.explanation.trim() === '' || input.steps.length === 0) return [];
  const context = buildContext(input);
  const found: Divergence[] = [];
  const entities = new Set<string>();
  let formulaDiverged = false;
  for (const [index, step] of input.steps.entries()) {
    const base = { ourStepIndex: index, ourStep: step.text };
    const isCriterion = step.points !== undefined;
    const isTotal = !isCriterion && /^total:/i.test(step.text);
    if (isTotal && found.length > 0) continue;
    const divergence = isCriterion
      ? checkCriterion(context, step, base)
      : isTotal
        ? checkTotal(context, step, base)
        : checkFormula(context, step, { base, isLast: index === input.steps.length - 1 });
    if (divergence === null) continue;
    if (divergence.entity !== undefined) {
      if (entities.has(divergence.entity)) continue;
      entities.add(divergence.entity);
    } else if (!isCriterion && !isTotal) {
      // A formula result downstream of an earlier difference is that difference again.
      if (formulaDiverged || found.length > 0) continue;
      formulaDiverged = true;
    }
    found.push(divergence);
  }
  return found;
}

/** The first of `locateDivergences`: where our derivation and the original first part ways, or null. */
export function locateDivergence(input: DivergenceInput): Divergence | null {
  return locateDivergences(input)[0] ?? null;
}
