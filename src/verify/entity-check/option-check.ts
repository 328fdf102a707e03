import type { EnumInputSpec } from '../../calculators/types.js';
import type { Finding } from '../types.js';
import { findAffirmedMentions } from './criterion-statements.js';
import { compileTerm, spanOf, type NamePattern } from './note-text.js';

const MAX_EVIDENCE = 3;

/** The option a stored string selects, read as `calculators/read-inputs.ts` reads it (case, spacing, aliases). */
export function matchOption(text: string, spec: EnumInputSpec): string | undefined {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return spec.options.find((option) => option.toLowerCase() === key) ?? spec.aliases?.[key];
}

/**
 * Phrases that put a graded criterion at one option. Only phrasings that name the grade next to the finding;
 * when the note names two grades ("mild to moderate ascites") the reading gives up.
 */
interface GradeReading {
  /** Stored options this reading can contradict. */
  appliesTo: readonly string[];
  /** Option → phrases that state it. */
  phrases: Readonly<Record<string, readonly string[]>>;
  /** A grade range spanning two options ("mild to moderate ascites"): the reading gives up. */
  range?: RegExp;
}

const ASCITES_QUALIFIER = '(?:[\\s-]+(?:amount|volume|quantity)(?:\\s+of)?)?\\s+(?:ascites|ascitic fluid)\\b';
const ENCEPHALOPATHY = '(?:hepatic |portosystemic )?encephalopathy';

// prettier-ignore
const GRADE_READINGS: Readonly<Record<string, GradeReading>> = {
  Ascites: {
    appliesTo: ['slight', 'moderate'],
    phrases: {
      slight: [`re:\\b(?:mild|small|minimal|trace|slight|minor)${ASCITES_QUALIFIER}`],
      moderate: [`re:\\b(?:moderate|large|massive|severe|tense|gross|marked|extensive|refractory)${ASCITES_QUALIFIER}`],
    },
    range: /\b(?:mild|small|minimal|trace|slight)\s*(?:to|-|or)\s*(?:moderate|large|massive|severe)\b/i,
  },
  Encephalopathy: {
    appliesTo: ['grade-1-2', 'grade-3-4'],
    phrases: {
      'grade-1-2': [`re:\\b(?:grade|stage) (?:1|2|I|II)(?:\\s*(?:-|to)\\s*(?:1|2|I|II))? ${ENCEPHALOPATHY}`,
        `re:\\b${ENCEPHALOPATHY},? (?:of )?(?:West Haven )?(?:grade|stage) (?:1|2|I|II)\\b(?!\\s*(?:-|to)\\s*(?:3|4|III|IV))`],
      'grade-3-4': [`re:\\b(?:grade|stage) (?:3|4|III|IV)(?:\\s*(?:-|to)\\s*(?:3|4|III|IV))? ${ENCEPHALOPATHY}`,
        `re:\\b${ENCEPHALOPATHY},? (?:of )?(?:West Haven )?(?:grade|stage) (?:3|4|III|IV)\\b`, 'hepatic coma'],
    },
  },
  'Solid tumor': {
    appliesTo: ['localized', 'unspecified'],
    phrases: { metastatic: ['metasta*'] },
  },
  'Diabetes mellitus criteria for CCI rule': {
    appliesTo: ['uncomplicated'],
    phrases: {
      'end-organ-damage': ['diabetic nephropathy', 'diabetic retinopathy', 'diabetic neuropathy',
        'diabetic kidney disease', 'diabetic foot', 'diabetic foot ulcer*'],
    },
  },
  'Liver disease severity': {
    appliesTo: ['mild'],
    phrases: { 'moderate-to-severe': ['portal hypertension', 'varices', 'variceal'] },
  },
  'Electrocardiogram Test': {
    appliesTo: ['normal'],
    phrases: {
      'significant-st-deviation': ['re:\\bST[\\s-]*(?:segment\\s+)?(?:elevation|depression|deviation)s?\\b',
        're:\\b(?:elevated|depressed) ST[\\s-]*segments?\\b'],
    },
  },
};

const compiledPhrases = new Map<string, Map<string, NamePattern[]>>();

function phrasesFor(key: string, reading: GradeReading): Map<string, NamePattern[]> {
  let phrases = compiledPhrases.get(key);
  if (phrases === undefined) {
    phrases = new Map(
      Object.entries(reading.phrases).map(([option, terms]) => [option, terms.map(compileTerm)]),
    );
    compiledPhrases.set(key, phrases);
  }
  return phrases;
}

/**
 * Checks a stored option string: one the calculator does not know is a `format` warning (the value reaches no
 * calculator as given); one the note contradicts by naming another grade is an `extraction-error` warning.
 */
export function checkOptionEntity(
  note: string,
  { key, raw, spec }: { key: string; raw: string; spec: EnumInputSpec },
): Finding[] {
  const option = matchOption(raw, spec);
  if (option === undefined) {
    return [
      {
        category: 'format',
        severity: 'warning',
        entity: key,
        message:
          `${key} is '${raw}', which is not an option the calculator knows ` +
          `(${spec.options.map((known) => `'${known}'`).join(', ')})`,
        evidence: [],
      },
    ];
  }
  const reading = GRADE_READINGS[key];
  if (reading === undefined || !reading.appliesTo.includes(option)) return [];
  if (reading.range?.test(note) === true) return [];
  const stated = [...phrasesFor(key, reading)]
    .map(([grade, terms]) => ({ grade, hits: findAffirmedMentions(note, terms) }))
    .filter(({ hits }) => hits.length > 0);
  const [only] = stated;
  if (stated.length !== 1 || only === undefined || only.grade === option) return [];
  return [
    {
      category: 'extraction-error',
      severity: 'warning',
      entity: key,
      message: `${key} is '${raw}', but the note states ${only.hits
        .slice(0, MAX_EVIDENCE)
        .map((hit) => `"${hit.text}"`)
        .join(', ')}, which is option '${only.grade}'`,
      evidence: only.hits.slice(0, MAX_EVIDENCE).map((hit) => spanOf(note, hit.start, hit.end)),
    },
  ];
}
