import type {
  BooleanInputSpec,
  DateInputSpec,
  EnumInputSpec,
  NumberInputSpec,
  QuantityInputSpec,
  SexInputSpec,
} from './types.js';

/**
 * Input specs shared by several calculators that read the same MedCalc-Bench entity keys as the same
 * quantity kind. A calculator uses one as is (`age: AGE_INPUT`) or spreads it to give its own label or
 * description (`{ ...TEMPERATURE_INPUT, label: 'Temperature (rectal)' }`); one that needs other entity keys or
 * another quantity kind writes its spec inline instead. The clean input names stay in the calculators.
 */

// ---------------------------------------------------------------- demographics and body size

export const AGE_INPUT = {
  type: 'quantity',
  quantity: 'age',
  label: 'Age',
  entityKeys: ['age'],
} as const satisfies QuantityInputSpec;

export const SEX_INPUT = { type: 'sex', label: 'Sex', entityKeys: ['sex'] } as const satisfies SexInputSpec;

export const WEIGHT_INPUT = {
  type: 'quantity',
  quantity: 'body-weight',
  label: 'Weight',
  entityKeys: ['weight'],
} as const satisfies QuantityInputSpec;

export const HEIGHT_INPUT = {
  type: 'quantity',
  quantity: 'body-height',
  label: 'Height',
  entityKeys: ['height'],
} as const satisfies QuantityInputSpec;

// ---------------------------------------------------------------- vital signs

export const SYSTOLIC_INPUT = {
  type: 'quantity',
  quantity: 'blood-pressure',
  label: 'Systolic blood pressure',
  entityKeys: ['Systolic Blood Pressure'],
} as const satisfies QuantityInputSpec;

export const DIASTOLIC_INPUT = {
  type: 'quantity',
  quantity: 'blood-pressure',
  label: 'Diastolic blood pressure',
  entityKeys: ['Diastolic Blood Pressure'],
} as const satisfies QuantityInputSpec;

export const HEART_RATE_INPUT = {
  type: 'quantity',
  quantity: 'heart-rate',
  label: 'Heart rate',
  entityKeys: ['Heart Rate or Pulse'],
} as const satisfies QuantityInputSpec;

export const RESPIRATORY_RATE_INPUT = {
  type: 'quantity',
  quantity: 'respiratory-rate',
  label: 'Respiratory rate',
  entityKeys: ['respiratory rate'],
} as const satisfies QuantityInputSpec;

export const TEMPERATURE_INPUT = {
  type: 'quantity',
  quantity: 'temperature',
  label: 'Temperature',
  entityKeys: ['Temperature'],
} as const satisfies QuantityInputSpec;

// ---------------------------------------------------------------- laboratory values

export const SODIUM_INPUT = {
  type: 'quantity',
  quantity: 'sodium',
  label: 'Serum sodium',
  entityKeys: ['Sodium'],
} as const satisfies QuantityInputSpec;

export const CHLORIDE_INPUT = {
  type: 'quantity',
  quantity: 'chloride',
  label: 'Serum chloride',
  entityKeys: ['Chloride'],
} as const satisfies QuantityInputSpec;

export const BICARBONATE_INPUT = {
  type: 'quantity',
  quantity: 'bicarbonate',
  label: 'Serum bicarbonate (total CO₂)',
  entityKeys: ['Bicarbonate'],
} as const satisfies QuantityInputSpec;

export const CREATININE_INPUT = {
  type: 'quantity',
  quantity: 'creatinine',
  label: 'Serum creatinine',
  entityKeys: ['creatinine'],
} as const satisfies QuantityInputSpec;

export const BLOOD_UREA_NITROGEN_INPUT = {
  type: 'quantity',
  quantity: 'blood-urea-nitrogen',
  label: 'Blood urea nitrogen (BUN)',
  entityKeys: ['Blood Urea Nitrogen (BUN)'],
} as const satisfies QuantityInputSpec;

export const GLUCOSE_INPUT = {
  type: 'quantity',
  quantity: 'glucose',
  label: 'Serum glucose',
  entityKeys: ['Glucose'],
} as const satisfies QuantityInputSpec;

export const ALBUMIN_INPUT = {
  type: 'quantity',
  quantity: 'albumin',
  label: 'Serum albumin',
  entityKeys: ['Albumin'],
} as const satisfies QuantityInputSpec;

export const BILIRUBIN_INPUT = {
  type: 'quantity',
  quantity: 'bilirubin',
  label: 'Total bilirubin',
  entityKeys: ['Bilirubin'],
} as const satisfies QuantityInputSpec;

export const PAO2_INPUT = {
  type: 'quantity',
  quantity: 'partial-pressure',
  label: 'PaO₂',
  // The benchmark names the arterial PaO₂ entity after APACHE II in every calculator that reads it.
  entityKeys: ['Partial pressure of oxygen (PaO₂) for Apache II'],
} as const satisfies QuantityInputSpec;

export const QT_INTERVAL_INPUT = {
  type: 'quantity',
  quantity: 'qt-interval',
  label: 'QT interval',
  entityKeys: ['QT interval'],
} as const satisfies QuantityInputSpec;

// ---------------------------------------------------------------- history

export const CONGESTIVE_HEART_FAILURE_INPUT = {
  type: 'boolean',
  label: 'Congestive heart failure',
  entityKeys: ['Congestive Heart Faliure', 'Congestive Heart Failure'],
} as const satisfies BooleanInputSpec;

export const HYPERTENSION_HISTORY_INPUT = {
  type: 'boolean',
  label: 'Hypertension',
  entityKeys: ['Hypertension history'],
} as const satisfies BooleanInputSpec;

export const TRANSIENT_ISCHEMIC_ATTACK_INPUT = {
  type: 'boolean',
  label: 'Prior transient ischaemic attack',
  entityKeys: ['Transient Ischemic Attacks History'],
} as const satisfies BooleanInputSpec;

export const PREVIOUS_DVT_INPUT = {
  type: 'boolean',
  label: 'Previously documented deep vein thrombosis',
  entityKeys: ['Previously documented Deep Vein Thrombosis'],
} as const satisfies BooleanInputSpec;

export const PREVIOUS_PE_INPUT = {
  type: 'boolean',
  label: 'Previously documented pulmonary embolism',
  entityKeys: ['Previously Documented Pulmonary Embolism'],
} as const satisfies BooleanInputSpec;

export const LAST_MENSTRUAL_PERIOD_INPUT = {
  type: 'date',
  label: 'First day of the last menstrual period',
  entityKeys: ['Last menstrual date'],
} as const satisfies DateInputSpec;

export const CYCLE_LENGTH_INPUT = {
  type: 'number',
  label: 'Menstrual cycle length',
  unit: 'days',
  integer: true,
  plausible: [15, 60],
  entityKeys: ['cycle length'],
} as const satisfies NumberInputSpec;

/** Race as the creatinine equations with a race coefficient (MDRD, CKD-EPI 2009) need it: Black or not. */
export const RACE_INPUT = {
  type: 'enum',
  label: 'Race (Black or not)',
  entityKeys: ['Race'],
  options: ['black', 'not-black'],
  aliases: {
    'african american': 'black',
    'african-american': 'black',
    'black or african american': 'black',
    white: 'not-black',
    caucasian: 'not-black',
    asian: 'not-black',
    hispanic: 'not-black',
    latino: 'not-black',
    other: 'not-black',
    'non-black': 'not-black',
    'not black': 'not-black',
  },
} as const satisfies EnumInputSpec<'black' | 'not-black'>;
