/**
 * Recovering the response from an OpenRLHF `query`: it is prompt + response decoded with special tokens kept, so
 * the chat template of the prompt leads and end-of-turn tokens trail.
 */

/** End-of-turn and padding tokens of common chat templates, stripped from the end of a response. */
export const TRAILING_SPECIAL_TOKENS = [
  '<|im_end|>',
  '<|endoftext|>',
  '</s>',
  '<|eot_id|>',
  '<|end_of_text|>',
  '<|end|>',
  '<end_of_turn>',
  '<eos>',
  '<|eos|>',
  '<|pad|>',
  '<pad>',
  '<｜end▁of▁sentence｜>',
] as const;

/** Where an assistant turn starts in common templates: used only when the prompt is not found in the query. */
const ASSISTANT_MARKERS = [
  '<|im_start|>assistant',
  '<|start_header_id|>assistant<|end_header_id|>',
  '<start_of_turn>model',
  '<|assistant|>',
  '[/INST]',
  '<｜Assistant｜>',
] as const;

export interface RecoveredResponse {
  response: string;
  /** How the prompt was removed: a prefix match, found inside the query, an assistant marker, or not at all. */
  promptMatch: 'prefix' | 'contained' | 'marker' | 'none';
}

function stripTrailingTokens(text: string): string {
  let end = text.length;
  for (let changed = true; changed;) {
    changed = false;
    while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
    for (const token of TRAILING_SPECIAL_TOKENS) {
      if (end >= token.length && text.startsWith(token, end - token.length)) {
        end -= token.length;
        changed = true;
      }
    }
  }
  return text.slice(0, end);
}

function findAfterMarker(query: string): number {
  let best = -1;
  for (const marker of ASSISTANT_MARKERS) {
    const at = query.lastIndexOf(marker);
    if (at >= 0) best = Math.max(best, at + marker.length);
  }
  return best;
}

/** The response part of `query`: the prompt prefix removed, then trailing special tokens and whitespace. */
export function recoverResponse(query: string, prompt: string | undefined): RecoveredResponse {
  if (prompt !== undefined && prompt !== '' && query.startsWith(prompt))
    return { response: stripTrailingTokens(query.slice(prompt.length)), promptMatch: 'prefix' };
  const contained = prompt === undefined || prompt === '' ? -1 : query.lastIndexOf(prompt);
  if (contained >= 0 && prompt !== undefined)
    return {
      response: stripTrailingTokens(query.slice(contained + prompt.length)),
      promptMatch: 'contained',
    };
  const marker = findAfterMarker(query);
  if (marker >= 0) return { response: stripTrailingTokens(query.slice(marker)), promptMatch: 'marker' };
  return { response: stripTrailingTokens(query), promptMatch: 'none' };
}
