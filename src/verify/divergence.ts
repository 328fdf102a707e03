import type { Step } from '../calculators/types.js';

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

/** A value the original explanation printed for a converted entity ("… converts to 0.9 mg/dL"). */
interface OriginalConversion {
  quantity: EntityQuantity;
  value: number;
  sentenceIndex: number;
}

const NUMBER = /(?<![\w.)])(?:[-−](?=\d))?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;
const DATE = /\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b/g;

/** Splits templated prose into sentences: at line breaks, and after . ! ? followed by a capitalised word. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z'"(])/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/** The numbers written in a text, dates excluded ("−6" and "-0.302" are negative; "2–3" is two numbers). */
export function extractNumbers(text: string): number[] {
  const withoutDates = text.replace(DATE, ' ');
  return [...withoutDates.matchAll(NUMBER)].map((match) => Number(match[0].replace('−', '-')));
}

function extractDates(text: string): string[] {
  return [...text.matchAll(DATE)].map(
    ([, month, day, year]) => `${month!.padStart(2, '0')}/${day!.padStart(2, '0')}/${year!}`,
  );
}

/** Whether a number the original printed is ours, allowing for its rounding (3 dp; 3 significant figures). */
export function isSameNumber(ours: number, printed: number): boolean {
  const difference = Math.abs(ours - printed);
  if (difference <= 0.0005 + 1e-9 * Math.max(1, Math.abs(ours))) return true;
  return (ours < 0.001 || printed < 0) && difference <= 0.005 * Math.abs(ours);
}

function isExactly(ours: number, written: number): boolean {
  return Math.abs(ours - written) <= 1e-6 * Math.max(1, Math.abs(ours));
}

const STOP_WORDS = new Set(
  (
    'the and for with yes not mentioned assumed absent present patient patients score total points point current ' +
    'add added adding making keeping because hence this that than less greater between equal which from are was ' +
    'were has have does into per our their its all any none reported value values given note both one two three ' +
    'disease criteria criterion arterial history'
  ).split(' '),
);
const SPELLINGS: Readonly<Record<string, string>> = {
  hemocratit: 'hematocrit',
  ischemetic: 'ischemic',
  cholestrol: 'cholesterol',
  ventillation: 'ventilation',
  albmumin: 'albumin',
  diease: 'disease',
};

/** Content words, lower-cased, British spellings and the original's typos folded, crude plural stripping. */
function extractWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/partial pressure of oxygen/g, 'pao')
    .replace(/partial pressure of carbon dioxide/g, 'paco')
    .replace(/ae/g, 'e')
    .replace(/oe(?=[a-z])/g, 'e')
    .split(/[^a-z]+/)
    .map((word) => SPELLINGS[word] ?? word)
    .map((word) => (word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
    .map((word) => (word === 'tumour' ? 'tumor' : word));
  // A 7-letter stem is enough to pair "respiration" with "respiratory" and keep distinct criteria apart.
  return new Set(
    words
      .filter((word) => (word.length >= 3 || word === 'ph') && !STOP_WORDS.has(word))
      .map((word) => word.slice(0, 7)),
  );
}

function countShared(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared;
}

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  zero: 0,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const AMOUNT = String.raw`(\d+(?:\.\d+)?|zero|an?|one|two|three|four|five|six|seven|eight|nine|ten)`;
const ADDED = [
  new RegExp(String.raw`\badd(?:s|ed)?\s+${AMOUNT}\s+(?:points?|to)\b`, 'i'),
  new RegExp(String.raw`\b${AMOUNT}\s+points?\s+(?:are|is)\s+added`, 'i'),
  new RegExp(String.raw`\b(?:increment|increase)\w*\s+(?:the\s+[\w ]+?\s+)?by\s+${AMOUNT}\b`, 'i'),
];
const SUBTRACTED = new RegExp(String.raw`\bsubtract(?:s|ed)?\s+${AMOUNT}\b`, 'i');
const NOTHING_ADDED =
  /\b(?:do(?:es)? not (?:add|make any change|change|meet)|not add|no points|no adjustments|remains?|unchanged|keep(?:ing)? (?:it|the (?:current )?(?:total|score))(?: the same)? at)\b/i;
const RUNNING_TOTAL = /(-?\d+(?:\.\d+)?)\s*([+-])\s*(\d+(?:\.\d+)?)\s*=\s*-?\d/;

function readAmount(text: string): number {
  return WORD_NUMBERS[text.toLowerCase()] ?? Number(text);
}

/** The points an original criterion sentence gives, or undefined when it states none. */
export function readPoints(sentence: string): number | undefined {
  for (const pattern of ADDED) {
    const match = pattern.exec(sentence);
    if (match) return readAmount(match[1]!);
  }
  const subtracted = SUBTRACTED.exec(sentence);
  if (subtracted) return -readAmount(subtracted[1]!);
  if (NOTHING_ADDED.test(sentence)) return 0;
  const running = RUNNING_TOTAL.exec(sentence);
  if (running) return (running[2] === '-' ? -1 : 1) * Number(running[3]);
  return undefined;
}

/**
 * The original scores criteria in runs of sentences that end with a points statement ("… is reported. Hence, we
 * add 3 …"): each run is one block, matched to our criteria as a whole.
 */
interface CriterionBlock {
  start: number;
  /** Index of the sentence that states the points. */
  end: number;
  points: number;
  words: Set<string>;
  numbers: number[];
}

function splitCriterionBlocks(
  sentences: readonly string[],
  sentenceNumbers: readonly number[][],
): CriterionBlock[] {
  const blocks: CriterionBlock[] = [];
  let start = 0;
  sentences.forEach((sentence, index) => {
    const points = readPoints(sentence);
    if (points === undefined) return;
    const text = sentences.slice(start, index + 1).join(' ');
    blocks.push({
      start,
      end: index,
      points,
      words: extractWords(text),
      numbers: sentenceNumbers.slice(start, index + 1).flat(),
    });
    start = index + 1;
  });
  return blocks;
}

function findConversions(
  sentences: readonly string[],
  quantities: readonly EntityQuantity[],
): OriginalConversion[] {
  const conversions: OriginalConversion[] = [];
  for (const quantity of quantities) {
    const conversion = findConversion(sentences, quantity);
    if (conversion !== undefined) conversions.push(conversion);
  }
  return conversions;
}

function findConversion(
  sentences: readonly string[],
  quantity: EntityQuantity,
): OriginalConversion | undefined {
  for (const [index, sentence] of sentences.entries()) {
    const match = /value of\s+(\S+)[^]*?converts to\s+(\S+)/i.exec(sentence);
    if (match && isExactly(quantity.rawValue, Number(match[1]))) {
      const value = Number(match[2]);
      if (Number.isFinite(value)) return { quantity, value, sentenceIndex: index };
    }
  }
  // Temperatures and cell counts: "The patient's temperature is 34.9 degrees fahrenheit. To convert …, apply …
  // This means that the patient's temperature is 5/9 * 2.9 = 1.611 degrees celsius."
  const entityWords = extractWords(quantity.entity);
  for (const [index, sentence] of sentences.entries()) {
    if (!/degrees|count/i.test(sentence)) continue;
    if (!extractNumbers(sentence).some((number) => isExactly(quantity.rawValue, number))) continue;
    if (countShared(entityWords, extractWords(sentence)) === 0) continue;
    const converting = [index, index + 1, index + 2].find((at) => /convert/i.test(sentences[at] ?? ''));
    if (converting === undefined) continue;
    const result = [converting, converting + 1].find((at) => (sentences[at] ?? '').includes('='));
    if (result === undefined) continue;
    const after = sentences[result]!.slice(sentences[result]!.lastIndexOf('=') + 1);
    const value = extractNumbers(after)[0];
    if (value !== undefined) return { quantity, value, sentenceIndex: result };
  }
  return undefined;
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
 * Walks our derivation in order and returns the first step whose key number(s) the original explanation does not
 * reproduce: a criterion's points, a converted input's value, or a formula step's result/operands; null when every
 * step is consistent with the prose or cannot be checked against it.
 */
export function locateDivergence(input: DivergenceInput): Divergence | null {
  if (input.explanation.trim() === '' || input.steps.length === 0) return null;
  const context = buildContext(input);
  for (const [index, step] of input.steps.entries()) {
    const base = { ourStepIndex: index, ourStep: step.text };
    const divergence =
      step.points !== undefined
        ? checkCriterion(context, step, base)
        : /^total:/i.test(step.text)
          ? checkTotal(context, step, base)
          : checkFormula(context, step, { base, isLast: index === input.steps.length - 1 });
    if (divergence !== null) return divergence;
  }
  return null;
}
