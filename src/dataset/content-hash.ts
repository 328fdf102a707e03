import { createHash } from 'node:crypto';
import { canonicalJson } from '../contracts/canonical-json.js';
import type { Instance } from './instance.js';

function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * A stable id for "this question about this note for this calculator": sha256 over the calculator key, the
 * question and the note (line endings and runs of spaces normalised), so the same item can be joined across
 * releases whatever its row number.
 */
export function computeContentHash(item: { calculator: string; question: string; note: string }): string {
  const digest = createHash('sha256')
    .update(`${item.calculator}\u0000${normaliseText(item.question)}\u0000${normaliseText(item.note)}`)
    .digest('hex');
  return `sha256:${digest.slice(0, 32)}`;
}

/**
 * A hash of everything a row says (id, row, calculator, note, question, entities, label, limits, explanation,
 * …): two rows with the same hash are the same row. Unlike `computeContentHash` it changes when the label or
 * any other field does, so it is what a dataset without a file or hub commit is keyed by in the store.
 */
export function computeInstanceHash(instance: Instance): string {
  return `sha256:${createHash('sha256').update(canonicalJson(instance)).digest('hex')}`;
}
