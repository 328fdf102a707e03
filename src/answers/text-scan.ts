/**
 * Small scanning helpers shared by the answer extractors, with an optional step counter so tests can check that a
 * scan's work is linear in its input (performance is never asserted with timers here).
 */

/** Counts the characters a scan reads; production code passes none. */
export interface ScanCounter {
  steps: number;
}

/** A search for `needle` in `text` from `from`, with the counter its reads are added to. */
export interface CountedSearch {
  text: string;
  needle: string;
  from: number;
  counter: ScanCounter | undefined;
}

/** `text.indexOf(needle, from)`, adding the characters it read to `counter`. */
export function indexOfCounted({ text, needle, from, counter }: CountedSearch): number {
  const index = text.indexOf(needle, from);
  if (counter)
    counter.steps += (index < 0 ? text.length : index + needle.length) - Math.min(from, text.length);
  return index;
}

/** Whether `text` holds `word` (lower-case ASCII) at `index`, ignoring the case of ASCII letters only, as `/i` does. */
export function hasWordAt(text: string, index: number, word: string): boolean {
  if (index < 0 || index + word.length > text.length) return false;
  for (let offset = 0; offset < word.length; offset++) {
    let code = text.charCodeAt(index + offset);
    if (code >= 65 && code <= 90) code += 32;
    if (code !== word.charCodeAt(offset)) return false;
  }
  return true;
}

/**
 * The text without its leading and trailing runs of any of `chars`: what `text.replace(/^[c]+|[c]+$/g, '')` gives,
 * in linear time (that pattern retried `[c]+$` from every character of a long inner run, a quadratic amount of work).
 */
export function stripRuns(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start] ?? '')) start++;
  while (end > start && chars.includes(text[end - 1] ?? '')) end--;
  return text.slice(start, end);
}
