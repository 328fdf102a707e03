import { createHash } from 'node:crypto';

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
