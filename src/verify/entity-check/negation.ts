/**
 * A NegEx-style reading of one mention: is it negated ("denies chest pain", "no history of diabetes", "DVT was
 * ruled out"), about someone else ("family history of stroke"), or affirmed? Triggers reach back at most
 * 70 characters within the clause; a conjunction such as "but" or a sentence break ends their scope.
 */
export type MentionContext = 'affirmed' | 'negated' | 'other-person';

const LOOK_BACK = 70;
const PRE_NEGATION =
  /\b(?:no|not|nor|never|without|abstain\w*|teetotal\w*|denie[sd]|deny(?:ing)?|negative for|free of|absence of|absent|ruled out|rules out|rule out|r\/o|unremarkable for|did not have|does not have|has no|had no|no evidence of|no history of|no hx of|no signs? of|no known)\b/gi;
const PSEUDO_NEGATION =
  /\b(?:no longer|not only|no change|no further|not improve\w*|without (?:any )?(?:improvement|difficulty|resolution|relief))\b/gi;
const SCOPE_END =
  /\b(?:but|however|although|though|except|aside from|apart from|yet|whereas|which|who|presented|presents|admitted|revealed|showed|shows)\b|[.;:!?\n]|,\s*(?:and\s+)?(?:he|she|they|it|the patient|has|had|have|is|was|were|are)\b/gi;
const POST_NEGATION =
  /^[\s,]*(?:was|were|is|are|has been|have been|had been)?\s*(?:ruled out|excluded|negative|absent|denied|not (?:present|seen|found|detected|noted|identified|observed)|unlikely)/i;
const OTHER_PERSON =
  /\b(?:family|mother|father|brother|sister|sibling|parent|maternal|paternal|grand(?:mother|father|parent)|aunt|uncle|cousin)\b/gi;

function lastMatchEnd(pattern: RegExp, text: string): number {
  let end = -1;
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length;
  return end;
}

function lastMatchStart(pattern: RegExp, text: string): number {
  let start = -1;
  for (const match of text.matchAll(pattern)) start = match.index;
  return start;
}

/** The clause before a mention (at most `LOOK_BACK` characters, cut at the last scope end), pseudo-negations blanked. */
function readClauseBefore(note: string, start: number): string {
  const before = note.slice(Math.max(0, start - LOOK_BACK), start);
  const scopeStart = lastMatchEnd(SCOPE_END, before);
  const clause = scopeStart < 0 ? before : before.slice(scopeStart);
  return clause.replace(PSEUDO_NEGATION, (text) => ' '.repeat(text.length));
}

export function readMentionContext(note: string, start: number, end: number): MentionContext {
  const cleaned = readClauseBefore(note, start);
  if (lastMatchStart(OTHER_PERSON, cleaned) >= 0) return 'other-person';
  if (lastMatchStart(PRE_NEGATION, cleaned) >= 0) return 'negated';
  const after = note.slice(end, end + 40);
  if (POST_NEGATION.test(after)) return 'negated';
  return 'affirmed';
}

const HYPOTHETICAL_BEFORE =
  /\b(?:rule out|to exclude|exclude|r\/o|risk (?:of|for)|risk factors? (?:of|for)|at risk|concern (?:of|for)|concerning for|suspect\w*|suspicio\w*|possibl[ey]|probabl[ey]|potential|presumed|query|questionable|consider\w*|evaluat\w* (?:of|for)|work-?up (?:of|for)|screen\w*|prophyla\w*|prevent\w*|if|whether|differential|mimic\w*|versus|vs\.?|test(?:ed|ing)? for|assess\w* for|in case of|likelihood|predict\w*|score|criteria|guideline\w*)\b|\?/gi;
const HYPOTHETICAL_AFTER =
  /^[\s,]*(?:was|were|is|are)?\s*(?:suspected|considered|possible|questioned|could not be (?:ruled out|excluded)|cannot be (?:ruled out|excluded)|was not excluded)|^[^.\n]{0,20}\?/i;

/**
 * A mention that states no fact about the patient: "rule out stroke", "risk of bleeding", "suspected DVT",
 * "prophylaxis against VTE", "stroke?". Read in the same clause window as negation.
 */
export function isHypotheticalMention(note: string, start: number, end: number): boolean {
  if (lastMatchEnd(HYPOTHETICAL_BEFORE, readClauseBefore(note, start)) >= 0) return true;
  return HYPOTHETICAL_AFTER.test(note.slice(end, end + 40));
}
