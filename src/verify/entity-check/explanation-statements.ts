/**
 * Reads what a v1.0 `Ground Truth Explanation` says about each criterion. The explanations are template prose
 * from the label code, one template family per calculator, so the patterns below are those templates (with their
 * typos: "repoted", "ischemetic", "Malignany"), not a reading of free text.
 */
export type StatedState = 'present' | 'absent' | 'not-mentioned' | 'option';

export interface CriterionStatement {
  /** The criterion as the explanation names it, lower-cased ("cerebrovascular disease"). */
  name: string;
  state: StatedState;
  /** For `option`: the option text the explanation used ("Normal"). */
  option?: string;
  /** The sentence, for messages. */
  sentence: string;
}

interface Template {
  pattern: RegExp;
  /** Fixed state; otherwise read from the `state` group. */
  state?: StatedState;
  /** The `name` group is a comma-separated list of criteria (HEART risk factors). */
  list?: boolean;
}

const NAME = "'?(?<name>[^'.]+?),?'?";

// prettier-ignore
const TEMPLATES: readonly Template[] = [
  // Not mentioned (the label code applied its default).
  { pattern: new RegExp(`^The patient note does not mention (?:details )?about ${NAME} and (?:so we assume it to be|is assumed to be) absent`), state: 'not-mentioned' },
  { pattern: new RegExp(`^The patient note does not report a status on ${NAME}\\.`), state: 'not-mentioned' },
  { pattern: /^Because (?:the )?(?<name>[\w -]+?) history is not specified in the patient note/, state: 'not-mentioned' },
  { pattern: new RegExp(`^The issue, ?${NAME} is missing from the patient note`), state: 'not-mentioned' },
  { pattern: /^The patient's status for (?<name>[^.]+?) is missing from the patient note/, state: 'not-mentioned' },
  { pattern: /^Whether (?:the )?patient (?:has|is on|is) (?:an? )?(?:a )?(?<name>[^.]+?) is not reported/, state: 'not-mentioned' },
  { pattern: /^The patient does not report anything about \('(?<name>[^']+)'/, state: 'not-mentioned' },
  { pattern: /^The note does not specify whether the patient (?<name>is a smoker|takes medicine for treating blood pressure)/, state: 'not-mentioned' },
  { pattern: /^The patient note does not report any history on (?<name>[^.]+?) and so/, state: 'not-mentioned' },
  { pattern: /^The patient's (?<name>diabetes mellitus|solid tumor) status is not reported/, state: 'not-mentioned' },
  { pattern: /^'(?<name>[^']+)' is missing from the patient's data/, state: 'not-mentioned' },
  { pattern: /^The following risk factor\(s\) are missing from the patient's data: (?<name>[^.]+)\./, state: 'not-mentioned', list: true },
  { pattern: /^(?<name>[A-Z][^.]*?) (?:is|are) not reported (?:for the patient|in the patient note|and so)/, state: 'not-mentioned' },
  { pattern: /^(?:The )?(?<name>Ascites|Encephalopathy) state (?:is )?not specified/, state: 'not-mentioned' },
  // Present or absent.
  { pattern: new RegExp(`^The patient note reports ${NAME} (?:as '?|to be )(?<state>absent|present)`) },
  { pattern: /^(?:Based on the patient note, )?[Tt]he patient history for (?<name>[^.]+?) is (?<state>absent|present)/ },
  { pattern: new RegExp(`^(?:From the patient's note, )?[Tt]he issue, ?${NAME} is (?:reported to be )?(?<state>absent|present)`) },
  { pattern: /^The patient's status for (?<name>[^.]+?) is reported to be (?<state>absent|present)/ },
  { pattern: /^The patient has an? (?<name>[^,.]+), and so we add/, state: 'present' },
  { pattern: /^Because the patient does not have (?<name>[^,.]+),/, state: 'absent' },
  { pattern: /^The patient's has does not have (?<name>[^.]+)\./, state: 'absent' },
  { pattern: /^The patient's has (?!does not have)(?<name>[^.]+)\./, state: 'present' },
  { pattern: /^The following risk factor\(s\) are present based on the patient's note: (?<name>[^.]+)\./, state: 'present', list: true },
  { pattern: /^The following risk factor\(s\) are mentioned in the patient's note, but these risk factors are noted to be absent from the patient: (?<name>[^.]+)\./, state: 'absent', list: true },
  { pattern: /^(?<name>[A-Z][^.]*?) (?:is|are) (?:reported|repoted) to be (?<state>absent|present|false|true)/ },
  { pattern: /^The value of '(?<name>[^']+)' in the patient's note is determined to be '(?<option>[^']+)'/, state: 'option' },
  { pattern: /^(?<name>Encephalopathy) state is '(?<option>[^']+)'/, state: 'option' },
];

/** Sentences end at a full stop before a capital or quote (the templates sometimes omit the space), or a newline. */
const SENTENCE_BREAK = /\n|(?<=\.)\s*(?=[A-Z'])/;

function normalizeState(state: string | undefined): StatedState | undefined {
  if (state === 'present' || state === 'true') return 'present';
  if (state === 'absent' || state === 'false') return 'absent';
  return undefined;
}

/** Every criterion statement in the explanation, in order (a criterion may be stated more than once). */
export function readCriterionStatements(explanation: string): CriterionStatement[] {
  const statements: CriterionStatement[] = [];
  for (const part of explanation.split(SENTENCE_BREAK)) {
    const sentence = part.trim();
    // One template per sentence: the first that reads it (templates are ordered most specific first).
    for (const template of TEMPLATES) {
      const found = template.pattern.exec(sentence);
      const groups = found?.groups;
      if (groups === undefined) continue;
      const state = template.state ?? normalizeState(groups['state']);
      const name = groups['name'];
      if (state === undefined || name === undefined) break;
      const names = template.list === true ? name.split(/,\s*/) : [name];
      for (const each of names) {
        statements.push({
          name: each.trim().toLowerCase(),
          state,
          ...(groups['option'] === undefined ? {} : { option: groups['option'] }),
          sentence,
        });
      }
      break;
    }
  }
  return statements;
}
