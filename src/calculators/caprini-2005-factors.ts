/** Criteria tables of the Caprini 2005 risk assessment model (see caprini-2005.ts for the sources). */

/** The yes/no risk factors of the 2005 form with their weights (history of DVT/PE is handled on its own). */
export const FACTORS = [
  {
    name: 'majorSurgeryLastMonth',
    label: 'Major surgery < 1 month',
    keys: ['Major Surgery in the last month'],
    points: 1,
  },
  {
    name: 'congestiveHeartFailure',
    label: 'Congestive heart failure < 1 month',
    keys: ['Congestive Heart Failure in the last month'],
    points: 1,
  },
  { name: 'sepsis', label: 'Sepsis < 1 month', keys: ['Sepsis in the last month'], points: 1 },
  {
    name: 'pneumonia',
    label: 'Serious lung disease incl. pneumonia < 1 month',
    keys: ['Pneumonia in the last month'],
    points: 1,
  },
  {
    name: 'copd',
    label: 'Abnormal pulmonary function (COPD)',
    keys: ['Chronic Obstructive Pulmonary Disease'],
    points: 1,
  },
  {
    name: 'acuteMyocardialInfarction',
    label: 'Acute myocardial infarction',
    keys: ['Acute Myocardial infarction'],
    points: 1,
  },
  { name: 'swollenLegs', label: 'Swollen legs (current)', keys: ['Current swollen legs'], points: 1 },
  { name: 'varicoseVeins', label: 'Varicose veins', keys: ['Varicose veins'], points: 1 },
  {
    name: 'inflammatoryBowelDisease',
    label: 'History of inflammatory bowel disease',
    keys: ['History of inflammatory bowel disease'],
    points: 1,
  },
  {
    name: 'plasterCast',
    label: 'Immobilising plaster cast < 1 month',
    keys: ['Immobilizing plaster cast in the last month'],
    points: 2,
  },
  {
    name: 'centralVenousAccess',
    label: 'Central venous access',
    keys: ['Current central venous access'],
    points: 2,
  },
  {
    name: 'malignancy',
    label: 'Malignancy (present or previous)',
    keys: ['Present or previous malignancy'],
    points: 2,
  },
  {
    name: 'familyHistoryThrombosis',
    label: 'Family history of thrombosis',
    keys: ['Family history of thrombosis'],
    points: 3,
  },
  { name: 'factorVLeiden', label: 'Positive factor V Leiden', keys: ['Positive Factor V Leiden'], points: 3 },
  {
    name: 'prothrombin20210A',
    label: 'Positive prothrombin 20210A',
    keys: ['Positive prothrombin 20210A'],
    points: 3,
  },
  {
    name: 'lupusAnticoagulant',
    label: 'Positive lupus anticoagulant',
    keys: ['Positive lupus anticoagulant'],
    points: 3,
  },
  {
    name: 'anticardiolipinAntibody',
    label: 'Elevated anticardiolipin antibody',
    keys: ['Elevated anticardiolipin antibody'],
    points: 3,
  },
  {
    name: 'homocysteine',
    label: 'Elevated serum homocysteine',
    keys: ['Elevated serum homocysteine'],
    points: 3,
  },
  {
    name: 'heparinInducedThrombocytopenia',
    label: 'Heparin-induced thrombocytopenia',
    keys: ['Heparin-induced thrombocytopenia'],
    points: 3,
  },
  {
    name: 'otherThrombophilia',
    label: 'Other congenital or acquired thrombophilia',
    keys: ['Other congenital or acquired thrombophilia'],
    points: 3,
  },
  { name: 'stroke', label: 'Stroke < 1 month', keys: ['Stroke in the last month'], points: 5 },
  {
    name: 'hipPelvisLegFracture',
    label: 'Hip, pelvis or leg fracture < 1 month',
    keys: ['Hip, pelvis, or leg fracture in the last month'],
    points: 5,
  },
  {
    name: 'multipleTrauma',
    label: 'Multiple trauma < 1 month',
    keys: ['Multiple trauma in the last month'],
    points: 5,
  },
  {
    name: 'spinalCordInjury',
    label: 'Acute spinal cord injury (paralysis) < 1 month',
    keys: ['Acute spinal cord injury causing paralysis in the last month'],
    points: 5,
  },
] as const;

/** Items asked of women only, 1 point each; no benchmark entity carries them. */
export const WOMEN_FACTORS = [
  { name: 'pregnantOrPostpartum', label: 'Pregnant or postpartum (< 1 month)', keys: [], points: 1 },
  {
    name: 'adverseObstetricHistory',
    label:
      'Unexplained stillbirth, ≥ 3 spontaneous abortions, or premature birth with toxaemia or growth restriction',
    keys: [],
    points: 1,
  },
  { name: 'hormones', label: 'Oral contraceptives or hormone replacement therapy', keys: [], points: 1 },
] as const;

/** Points for the type of surgery (one choice). */
export const SURGERY_POINTS = {
  none: 0,
  minor: 1,
  major: 2,
  laparoscopic: 2,
  arthroscopic: 2,
  'elective-major-lower-extremity-arthroplasty': 5,
} as const;
export type SurgeryType = keyof typeof SURGERY_POINTS;
