import { NUMBER_WORDS } from './number-words.js';
import type { EntityQuantity } from './divergence.js';

/**
 * Reading the original `Ground Truth Explanation`: its sentences, numbers, dates, content words, the points a
 * criterion sentence states and the conversions it prints. `divergence.ts` walks our derivation against these.
 */

/** A value the original explanation printed for a converted entity ("… converts to 0.9 mg/dL"). */
export interface OriginalConversion {
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

export function extractDates(text: string): string[] {
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

export function isExactly(ours: number, written: number): boolean {
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
export function extractWords(text: string): Set<string> {
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

export function countShared(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared;
}

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
  const word = text.toLowerCase();
  // "add a point", "an additional point"
  if (word === 'a' || word === 'an') return 1;
  return NUMBER_WORDS[word] ?? Number(text);
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
export interface CriterionBlock {
  start: number;
  /** Index of the sentence that states the points. */
  end: number;
  points: number;
  words: Set<string>;
  numbers: number[];
}

export function splitCriterionBlocks(
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

export function findConversions(
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
