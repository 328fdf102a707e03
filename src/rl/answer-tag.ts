/**
 * Finding the final `<answer>` in a model response by scanning from the end: linear in the response length,
 * with no regular expression running over the whole text (responses can be long and adversarial).
 */

const OPEN = '<answer>';

function matchesAt(text: string, position: number, lowerTag: string): boolean {
  for (let offset = 0; offset < lowerTag.length; offset++) {
    const code = text.charCodeAt(position + offset);
    // ASCII letters compare case-insensitively (A–Z → a–z); everything else must be equal.
    const lower = code >= 65 && code <= 90 ? code + 32 : code;
    if (lower !== lowerTag.charCodeAt(offset)) return false;
  }
  return true;
}

/** Start of the last `<answer>` (any case) that begins before `end`, or -1. */
function findLastOpening(text: string, end: number): number {
  for (let position = text.lastIndexOf('<', end - OPEN.length); position >= 0;) {
    if (matchesAt(text, position, OPEN)) return position;
    if (position === 0) break;
    position = text.lastIndexOf('<', position - 1);
  }
  return -1;
}

/** Start of the last closing tag (`</answer>`, or `<\answer>` as some prompts ask), any case, or -1. */
function findLastClosing(text: string): number {
  for (let position = text.lastIndexOf('<'); position >= 0;) {
    const slash = text.charCodeAt(position + 1);
    if ((slash === 47 || slash === 92) && matchesAt(text, position + 2, 'answer>')) return position;
    if (position === 0) break;
    position = text.lastIndexOf('<', position - 1);
  }
  return -1;
}

/**
 * The text of the last complete `<answer>…</answer>` (tags in any case; `<\answer>` also closes), trimmed; the
 * opening tag taken is the last one before the last closing tag. Undefined when there is no complete pair.
 */
export function findFinalAnswer(response: string): string | undefined {
  const closing = findLastClosing(response);
  if (closing < 0) return undefined;
  const opening = findLastOpening(response, closing);
  if (opening < 0) return undefined;
  return response.slice(opening + OPEN.length, closing).trim();
}

export type PaperTagResult = { kind: 'found'; text: string } | { kind: 'missing' } | { kind: 'unclosed' };

/**
 * The published reward's reading of the tags (exact case): no `<answer>` → missing; no `</answer>` anywhere →
 * unclosed; otherwise the text after the LAST `<answer>`, up to the next `</answer>` or the end of the response
 * (so a trailing unclosed tag, or one inside prose, wins over an earlier complete pair).
 */
export function findPaperAnswer(response: string): PaperTagResult {
  const opening = response.lastIndexOf(OPEN);
  if (opening < 0) return { kind: 'missing' };
  const closingAnywhere = response.lastIndexOf('</answer>');
  if (closingAnywhere < 0) return { kind: 'unclosed' };
  const start = opening + OPEN.length;
  const end = closingAnywhere >= start ? response.indexOf('</answer>', start) : response.length;
  return { kind: 'found', text: response.slice(start, end).trim() };
}
