/**
 * Isolating the answer text inside a model response, before any rule set interprets it.
 */

/** The original harness's JSON-style capture, applied after collapsing whitespace; the last match wins. */
const JSON_ANSWER = /[Aa]nswer":\s*(.*?)\}/g;
/** Whitespace other than single spaces: only then is the collapse needed. */
const NEEDS_COLLAPSE = /[^\S ]| {2}/;

const PLACEHOLDERS = new Set([
  'str(short_and_direct_answer_of_the_question)',
  'str(value which is the answer to the question)',
  'X.XX',
]);

/**
 * The v1.0 harness's raw answer: last `answer": … }` capture, stripped of whitespace and double quotes.
 * Returns undefined for "Not Found" (no match, or a prompt placeholder).
 */
export function extractJsonAnswerV1(response: string): string | undefined {
  // Fast exit: without `nswer"` the pattern cannot match, so skip the whitespace collapse.
  if (!response.includes('nswer"')) return undefined;
  const collapsed = NEEDS_COLLAPSE.test(response) ? response.replace(/\s+/g, ' ') : response;
  let last: string | undefined;
  JSON_ANSWER.lastIndex = 0;
  for (let match = JSON_ANSWER.exec(collapsed); match !== null; match = JSON_ANSWER.exec(collapsed))
    last = match[1];
  if (last === undefined) return undefined;
  const stripped = last.trim().replace(/^"+|"+$/g, '');
  return PLACEHOLDERS.has(stripped) ? undefined : stripped;
}

const TAG_ANSWER = /<answer>([\s\S]*?)<[\\/]answer>/gi;

/** The last `<answer>…</answer>` (also the `<\answer>` closing some prompts ask for), trimmed. */
export function extractTagAnswer(response: string): string | undefined {
  let last: string | undefined;
  for (const match of response.matchAll(TAG_ANSWER)) last = match[1];
  return last?.trim();
}

/**
 * A tolerant JSON-style answer for the corrected rules: the last `"answer": <value>` whose value is a JSON string
 * (escapes decoded), a list, or a bare token up to `,` or `}`. Single-quoted keys and values are accepted.
 */
export function extractJsonAnswerLenient(response: string): string | undefined {
  const pattern =
    /["']answer["']\s*:\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[[^\]]*\]|\([^)]*\)|[^,}\n]+)/gi;
  let last: string | undefined;
  for (const match of response.matchAll(pattern)) last = match[1];
  if (last === undefined) return undefined;
  const value = last.trim();
  if (value.startsWith('"')) {
    try {
      return String(JSON.parse(value)).trim();
    } catch {
      return value.slice(1, -1).trim();
    }
  }
  if (value.startsWith("'")) return value.slice(1, -1).trim();
  return value;
}
