import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

const EYE_OPTIONS = ['spontaneous', 'to-sound', 'to-pressure', 'none', 'not-testable'] as const;
const VERBAL_OPTIONS = [
  'oriented',
  'confused',
  'inappropriate-words',
  'incomprehensible-sounds',
  'none',
  'not-testable',
] as const;
const MOTOR_OPTIONS = [
  'obeys-commands',
  'localizes',
  'normal-flexion',
  'abnormal-flexion',
  'extension',
  'none',
  'not-testable',
] as const;
type Eye = (typeof EYE_OPTIONS)[number];
type Verbal = (typeof VERBAL_OPTIONS)[number];
type Motor = (typeof MOTOR_OPTIONS)[number];

const EYE_ALIASES: Readonly<Record<string, Eye>> = {
  'eyes open spontaneously': 'spontaneous',
  'eye opening spontaneously': 'spontaneous',
  'eye opening to verbal command': 'to-sound',
  'eye opening to speech': 'to-sound',
  'eye opening to sound': 'to-sound',
  'eye opening to pain': 'to-pressure',
  'eye opening to pressure': 'to-pressure',
  'no eye opening': 'none',
  nt: 'not-testable',
  'not testable': 'not-testable',
};
const VERBAL_ALIASES: Readonly<Record<string, Verbal>> = {
  'inappropriate words': 'inappropriate-words',
  'incomprehensible sounds': 'incomprehensible-sounds',
  'no verbal response': 'none',
  nt: 'not-testable',
  'not testable': 'not-testable',
};
const MOTOR_ALIASES: Readonly<Record<string, Motor>> = {
  'obeys commands': 'obeys-commands',
  'localizes pain': 'localizes',
  'localises pain': 'localizes',
  'withdrawal from pain': 'normal-flexion',
  'withdraws from pain': 'normal-flexion',
  'flexion to pain': 'abnormal-flexion',
  'abnormal flexion': 'abnormal-flexion',
  'extension to pain': 'extension',
  'no motor response': 'none',
  nt: 'not-testable',
  'not testable': 'not-testable',
};

const EYE_POINTS: Record<Exclude<Eye, 'not-testable'>, number> = {
  spontaneous: 4,
  'to-sound': 3,
  'to-pressure': 2,
  none: 1,
};
const VERBAL_POINTS: Record<Exclude<Verbal, 'not-testable'>, number> = {
  oriented: 5,
  confused: 4,
  'inappropriate-words': 3,
  'incomprehensible-sounds': 2,
  none: 1,
};
const MOTOR_POINTS: Record<Exclude<Motor, 'not-testable'>, number> = {
  'obeys-commands': 6,
  localizes: 5,
  'normal-flexion': 4,
  'abnormal-flexion': 3,
  extension: 2,
  none: 1,
};

interface Component {
  name: 'eyeResponse' | 'verbalResponse' | 'motorResponse';
  label: string;
  letter: string;
  response: string;
  /** Undefined when not testable. */
  points: number | undefined;
  best: number;
}

/**
 * Glasgow Coma Score: best eye (1–4), verbal (1–5) and motor (1–6) responses, summed once each (3–15).
 *
 * Eye: spontaneous 4, to sound 3, to pressure (pain) 2, none 1. Verbal: oriented 5, confused 4, inappropriate
 * words 3, incomprehensible sounds 2, none 1. Motor: obeys commands 6, localises 5, normal flexion (withdrawal)
 * 4, abnormal flexion 3, extension 2, none 1. All three components are required: an unmentioned response has
 * no default. A component that was not testable (intubation, eye swelling, sedation) is handled by the
 * `notTestable` option; by default the total is not computed, as the 40-year review and MDCalc advise. The v1.0
 * labels add the verbal score twice and count "not testable" as 4; neither is reproduced.
 *
 * Source: Teasdale G, Jennett B. Assessment of coma and impaired consciousness: a practical scale. Lancet
 * 1974;2:81-4; Teasdale G et al. The Glasgow Coma Scale at 40 years: standing the test of time. Lancet Neurol
 * 2014;13:844-54.
 * MDCalc: "Glasgow Coma Scale/Score (GCS)".
 * Inputs: three graded responses (benchmark wording accepted); output 3–15 points.
 */
export const calculator = defineCalculator({
  id: 'glasgow-coma-scale',
  version: '1.0.0',
  name: 'Glasgow Coma Score (GCS)',
  medcalcId: 21,
  category: 'severity',
  outputType: 'integer',
  unit: 'points',
  summary:
    'Eye 1–4 + verbal 1–5 + motor 1–6 = 3–15 points; all three responses required, NT handled by option.',
  reference: {
    primary: 'Teasdale G, Jennett B. Lancet 1974;2:81-4.',
    mdcalc: 'Glasgow Coma Scale/Score (GCS)',
    others: [
      'Teasdale G et al. The Glasgow Coma Scale at 40 years: standing the test of time. Lancet Neurol 2014;13:844-54.',
    ],
  },
  inputs: {
    eyeResponse: {
      type: 'enum',
      label: 'Best eye response',
      entityKeys: ['Best eye response'],
      options: EYE_OPTIONS,
      aliases: EYE_ALIASES,
    },
    verbalResponse: {
      type: 'enum',
      label: 'Best verbal response',
      entityKeys: ['Best verbal response'],
      options: VERBAL_OPTIONS,
      aliases: VERBAL_ALIASES,
    },
    motorResponse: {
      type: 'enum',
      label: 'Best motor response',
      entityKeys: ['Best motor response'],
      options: MOTOR_OPTIONS,
      aliases: MOTOR_ALIASES,
    },
  },
  options: {
    notTestable: {
      values: ['not-computable', 'score-1', 'score-normal'] as const,
      default: 'not-computable' as const,
      description:
        'A component recorded as not testable (NT). "not-computable" (default): report the components and give no ' +
        'total, per Teasdale et al. Lancet Neurol 2014 and MDCalc (the score "cannot be calculated" when a ' +
        'component is NT). "score-1": count NT as the lowest grade, as the physician-overseen MedCalc-Bench ' +
        'relabelling does (a lower bound). "score-normal": count NT as the best grade (E4, V5, M6; an upper bound).',
    },
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { eyeResponse, verbalResponse, motorResponse } = inputs;
    if (eyeResponse === undefined || verbalResponse === undefined || motorResponse === undefined) {
      return derivation.notComputable([
        ...(eyeResponse === undefined ? ['eyeResponse'] : []),
        ...(verbalResponse === undefined ? ['verbalResponse'] : []),
        ...(motorResponse === undefined ? ['motorResponse'] : []),
      ]);
    }
    const components: Component[] = [
      {
        name: 'eyeResponse',
        label: 'Eye',
        letter: 'E',
        response: eyeResponse,
        points: eyeResponse === 'not-testable' ? undefined : EYE_POINTS[eyeResponse],
        best: 4,
      },
      {
        name: 'verbalResponse',
        label: 'Verbal',
        letter: 'V',
        response: verbalResponse,
        points: verbalResponse === 'not-testable' ? undefined : VERBAL_POINTS[verbalResponse],
        best: 5,
      },
      {
        name: 'motorResponse',
        label: 'Motor',
        letter: 'M',
        response: motorResponse,
        points: motorResponse === 'not-testable' ? undefined : MOTOR_POINTS[motorResponse],
        best: 6,
      },
    ];
    const untestable = components.filter((component) => component.points === undefined);
    const policy = options.notTestable;
    if (untestable.length > 0 && policy === 'not-computable') {
      for (const component of components) {
        derivation.step(
          `${component.label}: ${component.response} (${component.letter}${component.points ?? 'NT'})`,
        );
      }
      const scale = components.map((component) => `${component.letter}${component.points ?? 'NT'}`).join(' ');
      return derivation.notComputable(
        untestable.map((component) => component.name),
        `not testable: ${untestable.map((component) => component.label.toLowerCase()).join(', ')}; ` +
          `report the scale as ${scale} without a total (option notTestable=not-computable)`,
      );
    }
    for (const component of components) {
      if (component.points !== undefined) {
        derivation.add(`${component.label}: ${component.response}`, component.points);
        continue;
      }
      const substitute = policy === 'score-1' ? 1 : component.best;
      derivation.assume(
        `${component.label} response not testable: counted as ${substitute} (option notTestable=${policy})`,
      );
      derivation.add(`${component.label}: not testable, counted as ${substitute}`, substitute);
    }
    return derivation.score();
  },
});
