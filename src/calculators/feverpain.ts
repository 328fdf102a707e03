import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * FeverPAIN score for streptococcal pharyngitis (0–5 points).
 *
 * +1 each: Fever in the past 24 hours; Purulence (pharyngeal or tonsillar exudate); Attend rapidly (symptom
 * onset 3 days or less before presentation); severely Inflamed tonsils; No cough or coryza. Fever, purulence,
 * rapid attendance and inflamed tonsils that are not mentioned score 0, as on MDCalc's yes/no form. Whether an
 * unmentioned "no cough or coryza" scores is a named option, because the benchmark's own code versions disagree.
 * The benchmark's FeverPAIN entities include PECARN head-injury keys; they are not inputs and are reported as
 * ignored.
 *
 * Source: Little P et al. Clinical score and rapid antigen detection test to guide antibiotic use for sore
 * throats: randomised controlled trial of PRISM (primary care streptococcal management). BMJ 2013;347:f5806.
 * MDCalc: "FeverPAIN Score for Strep Pharyngitis".
 * Inputs: booleans only.
 */
export const calculator = defineCalculator({
  id: 'feverpain',
  version: '1.0.0',
  name: 'FeverPAIN Score for Strep Pharyngitis',
  medcalcId: 33,
  category: 'diagnosis',
  outputType: 'integer',
  unit: 'points',
  summary: 'Strep pharyngitis likelihood, 0–5 points; five yes/no criteria, not mentioned counts as absent.',
  reference: {
    primary: 'Little P et al. BMJ 2013;347:f5806.',
    mdcalc: 'FeverPAIN Score for Strep Pharyngitis',
    others: ['MedCalc-Bench v1.0 label code (missing cough/coryza scores 0) and v1.2 code (scores +1).'],
  },
  inputs: {
    fever: { type: 'boolean', label: 'Fever in the past 24 hours', entityKeys: ['Fever in past 24 hours'] },
    purulence: { type: 'boolean', label: 'Purulence (tonsillar exudate)', entityKeys: ['Purulent tonsils'] },
    attendRapidly: {
      type: 'boolean',
      label: 'Attend rapidly (symptom onset ≤ 3 days)',
      entityKeys: ['Symptom onset ≤3 days'],
    },
    inflamedTonsils: {
      type: 'boolean',
      label: 'Severely inflamed tonsils',
      entityKeys: ['Severe tonsil inflammation'],
    },
    noCoughOrCoryza: {
      type: 'boolean',
      label: 'No cough or coryza',
      entityKeys: ['Absence of cough or coryza'],
    },
  },
  options: {
    missingCoughCoryza: {
      values: ['absent-criterion', 'assume-no-cough'] as const,
      default: 'absent-criterion' as const,
      description:
        'When the note does not say whether cough or coryza is absent. "absent-criterion" (default): the ' +
        'criterion is not met and scores 0, as for every other unmentioned FeverPAIN item (Little 2013 scores ' +
        'findings that are present; MedCalc-Bench v1.0 code and the Verified CALCULATORS.md agree). ' +
        '"assume-no-cough": score +1, reading silence as no cough or coryza, as the MedCalc-Bench v1.2 code does.',
    },
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    derivation.flag('Fever in the past 24 hours', inputs.fever, 1);
    derivation.flag('Purulence', inputs.purulence, 1);
    derivation.flag('Attend rapidly (onset ≤ 3 days)', inputs.attendRapidly, 1);
    derivation.flag('Severely inflamed tonsils', inputs.inflamedTonsils, 1);
    if (inputs.noCoughOrCoryza === undefined) {
      const scored = options.missingCoughCoryza === 'assume-no-cough';
      derivation.assume(
        `No cough or coryza: not mentioned, ${scored ? 'assumed absent cough/coryza (+1)' : 'criterion not met (0)'} ` +
          `(option missingCoughCoryza=${options.missingCoughCoryza})`,
      );
      derivation.add('No cough or coryza: not mentioned', scored ? 1 : 0);
    } else {
      derivation.add(
        `No cough or coryza: ${inputs.noCoughOrCoryza ? 'yes' : 'no'}`,
        inputs.noCoughOrCoryza ? 1 : 0,
      );
    }
    return derivation.score();
  },
});
