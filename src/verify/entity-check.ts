import type { Instance } from '../dataset/instance.js';
import { checkTrueCriterion, doubtFalseSpecialCriterion } from './entity-check/boolean-check.js';
import { checkDateEntity } from './entity-check/date-check.js';
import { findInputSpec, readNumericEntity, type NumericEntity } from './entity-check/entity-values.js';
import { checkExplanationCriteria } from './entity-check/explanation-criteria-check.js';
import { checkExplanation } from './entity-check/explanation-check.js';
import { checkAbsentCriterion, isStoredAbsent } from './entity-check/false-criterion-check.js';
import { ExtractionTally, isSexStated, type ExtractionRecord } from './entity-check/extraction-record.js';
import { scanNumbers } from './entity-check/note-text.js';
import { checkNumericEntity } from './entity-check/numeric-check.js';
import { checkOptionEntity, matchOption } from './entity-check/option-check.js';
import { termsForCriterion } from './entity-check/criterion-terms.js';
import { findAffirmedMentions } from './entity-check/criterion-statements.js';
import type { EnumInputSpec } from '../calculators/types.js';
import { checkEntityPlausibility } from './entity-check/plausibility-check.js';
import { CALCULATORS, digestCalculators } from '../calculators/registry.js';
import { createAnswerShifter } from './entity-check/answer-shift.js';
import { checkOccurrences } from './entity-check/occurrence-check.js';
import { checkTimePoints } from './entity-check/time-point-check.js';
import {
  checkScoredPresentCriteria,
  checkUndocumentedInputs,
  isScoredPresentChecked,
} from './entity-check/undocumented-input-check.js';
import { identityOf } from './identity.js';
import { categoriesOf, type Finding, type Verdict, type Verifier, type VerifierIdentity } from './types.js';

/**
 * Fixed calibration (no model behind it): an error finding is specific evidence (a value the note contradicts, a
 * criterion the note negates, a unit the label code misreads), but each rests on a heuristic reading of free text,
 * so a dispute is stated at 0.6. A clean pass only says the entities match the note, not that the label's
 * arithmetic is right, so support is 0.4.
 */
export const ENTITY_CHECK_CONFIDENCE = { disputes: 0.6, supports: 0.4, abstains: 0 } as const;

export interface EntityCheckDetails {
  entitiesChecked: number;
  numericChecked: number;
  valuesFound: number;
  valuesNearName: number;
  booleansTrue: number;
  booleansChecked: number;
  booleansSupported: number;
  datesChecked: number;
  datesFound: number;
  explanationStatements: number;
  /** False (or absent-option) criteria read against the note's statements. */
  absentCriteriaChecked: number;
  /** Option strings checked against the calculator's options (and graded phrases in the note). */
  optionsChecked: number;
  /** Criterion statements in the explanation compared with a stored entity. */
  explanationCriteria: number;
  /** Values the note writes only censored, as a range, or as something other than the patient's measurement. */
  valuesQualified: number;
  /** Values whose analyte the note gives several values for (time points). */
  valuesWithOtherTimePoints: number;
  /** Per input the calculation uses: verified against the note or not, and why (extraction-record.ts). */
  extraction: ExtractionRecord;
}

function emptyDetails(): EntityCheckDetails {
  return {
    entitiesChecked: 0,
    numericChecked: 0,
    valuesFound: 0,
    valuesNearName: 0,
    booleansTrue: 0,
    booleansChecked: 0,
    booleansSupported: 0,
    datesChecked: 0,
    datesFound: 0,
    explanationStatements: 0,
    absentCriteriaChecked: 0,
    optionsChecked: 0,
    explanationCriteria: 0,
    valuesQualified: 0,
    valuesWithOtherTimePoints: 0,
    extraction: { verified: [], unverified: [] },
  };
}

interface VerdictParts {
  findings: Finding[];
  details: Record<string, unknown>;
  abstain: boolean;
}

function buildVerdict(
  instance: Instance,
  identity: VerifierIdentity,
  { findings, details, abstain }: VerdictParts,
): Verdict {
  const assessment = abstain
    ? 'abstains'
    : findings.some((finding) => finding.severity === 'error')
      ? 'disputes'
      : 'supports';
  return {
    verifier: identity.name,
    verifierVersion: identity.version,
    verifierConfigHash: identity.configHash,
    itemId: instance.id,
    assessment,
    proposedLabel: null,
    categories: categoriesOf(findings),
    findings,
    confidence: ENTITY_CHECK_CONFIDENCE[assessment],
    details,
    usage: null,
  };
}

/**
 * A criterion stored absent whose statement terms are unknown: verified when none of the (broader) terms that
 * support a True criterion has an affirmed mention in the note; unverified otherwise, or without terms.
 */
function doubtAbsent(note: string, key: string, doubt: (why: string) => void): void {
  // Absence criteria ("Absence of cough or coryza") and FeverPAIN's onset are read by their own rules.
  const special = doubtFalseSpecialCriterion(note, key);
  if (special !== undefined) {
    if (special !== null) doubt(special);
    return;
  }
  const terms = termsForCriterion(key);
  if (terms === null) {
    doubt('no terms are known to check that the note does not state it');
    return;
  }
  const mentions = findAffirmedMentions(note, terms);
  if (mentions.length > 0) {
    const quoted = mentions
      .slice(0, 3)
      .map((hit) => `"${hit.text}"`)
      .join(', ');
    doubt(`stored absent, but the note mentions it (${quoted}) and no statement of absence is checked`);
  }
}

/** Whether the note writes the stored option itself, or a phrase the calculator reads as that option. */
function isOptionWritten(note: string, raw: string, spec: EnumInputSpec): boolean {
  const option = matchOption(raw, spec);
  if (option === undefined) return false;
  const phrases = [
    option,
    raw,
    ...Object.entries(spec.aliases ?? {})
      .filter(([, target]) => target === option)
      .map(([alias]) => alias),
  ].map((phrase) => phrase.trim().replace(/[-_]/g, ' '));
  const text = note.toLowerCase().replace(/[-_]/g, ' ');
  return phrases.some(
    (phrase) => phrase.length > 2 && new RegExp(`\\b${escapeRegExp(phrase.toLowerCase())}\\b`).test(text),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs every entity check on one row; throws only on a bug (the verifier turns that into an abstention). */
function checkEntities(instance: Instance, identity: VerifierIdentity): Verdict {
  const entities = instance.entities;
  const details = emptyDetails();
  if (entities === undefined) {
    return buildVerdict(instance, identity, {
      findings: [],
      details: { ...details, reason: 'the row has no parsable Relevant Entities' },
      abstain: true,
    });
  }
  const note = instance.note;
  const context = { note, numbers: scanNumbers(note) };
  const findings: Finding[] = [];
  const numeric: NumericEntity[] = [];
  const shiftAnswer = createAnswerShifter(instance);
  const tally = new ExtractionTally();
  for (const [key, raw] of Object.entries(entities)) {
    const spec = findInputSpec(key, instance.calculatorSlug);
    // Only the inputs a calculator reads are part of the extraction record; an unknown key is not used.
    const track = spec !== undefined;
    const doubt = (why: string): void => {
      if (track) tally.doubt(key, why);
    };
    if (track) tally.verify(key);
    if (raw === true) {
      details.booleansTrue++;
      const outcome = checkTrueCriterion(note, key);
      if (outcome.support !== 'unchecked') {
        details.entitiesChecked++;
        details.booleansChecked++;
        if (outcome.support === 'supported') details.booleansSupported++;
      }
      if (outcome.support === 'unchecked') doubt('no terms are known to look for this criterion in the note');
      // A Wells criterion the note never mentions is reported once, by `checkScoredPresentCriteria`.
      const reportedElsewhere =
        outcome.support === 'unsupported' && isScoredPresentChecked(instance.calculatorSlug, key);
      if (!reportedElsewhere) findings.push(...outcome.findings);
      continue;
    }
    const absent = checkAbsentCriterion(note, key, { entities, spec });
    if (absent.checked) {
      details.absentCriteriaChecked++;
      if (typeof raw === 'boolean') details.entitiesChecked++;
    }
    findings.push(...absent.findings);
    if (typeof raw === 'boolean') {
      if (!absent.checked) doubtAbsent(note, key, doubt);
      continue;
    }
    if (spec?.type === 'enum' && typeof raw === 'string') {
      details.entitiesChecked++;
      details.optionsChecked++;
      findings.push(...checkOptionEntity(note, { key, raw, spec }));
      if (isStoredAbsent(raw, spec)) {
        if (!absent.checked) doubtAbsent(note, key, doubt);
      } else if (
        // The question names some options itself (the steroid to convert to).
        !isOptionWritten(`${note}\n${instance.question}`, raw, spec) &&
        checkTrueCriterion(note, key).support !== 'supported'
      ) {
        doubt(`the note has no affirmed mention of it to support the option '${raw}'`);
      }
      continue;
    }
    if (spec?.type === 'date' && typeof raw === 'string') {
      const outcome = checkDateEntity(note, key, raw);
      details.entitiesChecked++;
      details.datesChecked++;
      if (outcome.found) details.datesFound++;
      else doubt('the date is not written in the note');
      findings.push(...outcome.findings);
      continue;
    }
    if (spec?.type === 'sex' && typeof raw === 'string') {
      details.entitiesChecked++;
      if (isSexStated(note, raw) !== true) doubt(`the note does not name the sex '${raw}'`);
      continue;
    }
    const entity = readNumericEntity(key, raw, spec);
    if (entity === undefined) {
      doubt('entity-check cannot read this value');
      continue;
    }
    details.entitiesChecked++;
    details.numericChecked++;
    numeric.push(entity);
    const outcome = checkNumericEntity(context, entity);
    if (outcome.found) details.valuesFound++;
    if (outcome.nearName) details.valuesNearName++;
    if (!outcome.found) doubt('the value is not found in the note');
    else if (!outcome.nearName) doubt('the value occurs in the note, but not next to a name for it');
    findings.push(...outcome.findings, ...checkEntityPlausibility(entity));
    const qualified = checkOccurrences(note, entity, outcome.occurrences);
    if (qualified.length > 0) details.valuesQualified++;
    const timePoints = checkTimePoints(context, {
      entity,
      occurrences: outcome.occurrences,
      nameHits: outcome.nameHits,
      question: instance.question,
      shiftAnswer: (replacement) => shiftAnswer(key, replacement),
    });
    if (timePoints.length > 0) details.valuesWithOtherTimePoints++;
    findings.push(...qualified, ...timePoints);
  }
  findings.push(...checkUndocumentedInputs(note, instance.calculatorSlug, entities));
  findings.push(...checkScoredPresentCriteria(note, instance.calculatorSlug, entities));
  if (instance.explanation !== undefined && numeric.length > 0) {
    const outcome = checkExplanation(context, instance.explanation, numeric);
    details.explanationStatements = outcome.statements;
    findings.push(...outcome.findings);
  }
  if (instance.explanation !== undefined) {
    const outcome = checkExplanationCriteria(note, instance.explanation, {
      entities,
      findSpec: (key) => findInputSpec(key, instance.calculatorSlug),
    });
    details.explanationCriteria = outcome.statements;
    findings.push(...outcome.findings);
  }
  details.extraction = tally.record(findings);
  return buildVerdict(instance, identity, { findings, details: { ...details }, abstain: false });
}

export const ENTITY_CHECK_VERIFIER_NAME = 'entity-check';

/**
 * 1.4.0: criterion terms for Wells PE's "PE #1 diagnosis", Wells DVT's alternative diagnosis, RCRI's elevated-risk
 * surgery, FeverPAIN's absence of cough or coryza (read inverted) and onset ≤3 days (read from durations); Wells
 * criteria scored present that the note never mentions; "white blood count" and "chlorine" as analyte names.
 * 1.3.0: `details.extraction` records, per input the calculation uses, whether the note verifies it (found next
 * to its name, the patient's plain measurement, one time point or none that matters, a criterion's mention);
 * sex entities are checked. 1.2.0: censored and qualified values, values that are not the patient's measurement, several values at
 * different time points (recomputed to see whether the choice matters), and inputs without a clinical default
 * that the note never mentions. 1.1.1: a calculator slug outside the registry is read like a row without a
 * calculator (1.1.0 abstained).
 */
export const ENTITY_CHECK_VERIFIER_VERSION = '1.4.0';

/**
 * `entity-check`: audits a row's stored `Relevant Entities` against its patient note and explanation. Numeric
 * values must occur in the note (in any unit) next to a name for them; True criteria must have un-negated support;
 * False criteria must not be stated outright; option strings must be ones the calculator knows and match the
 * grade the note names; units and ranges must be plausible; the explanation must state the stored values and
 * criteria. Error findings make the verdict `disputes`; rows without entities are `abstains`. Never proposes a
 * label. It takes no configuration of its own; its config records the digest of the calculators' versions,
 * because the time-point check recomputes the answer with other values (so a fixed calculator re-judges).
 */
export function createEntityCheckVerifier(): Verifier {
  const config = { calculators: digestCalculators(CALCULATORS) };
  const identity = identityOf({
    name: ENTITY_CHECK_VERIFIER_NAME,
    version: ENTITY_CHECK_VERIFIER_VERSION,
    config,
  });
  return {
    name: identity.name,
    version: identity.version,
    description:
      'Checks stored entities against the note: values present (any unit) near their names, true criteria ' +
      'supported and not negated, false criteria not stated, known options matching the note, plausible values ' +
      'and units, and the explanation using the same values and criteria.',
    config,
    verify(instance) {
      try {
        return checkEntities(instance, identity);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return buildVerdict(instance, identity, {
          findings: [],
          details: { ...emptyDetails(), reason: `entity check failed: ${reason}` },
          abstain: true,
        });
      }
    },
  };
}
