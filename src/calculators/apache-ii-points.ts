/**
 * APACHE II point tables (Knaus WA et al., Crit Care Med 1985;13:818-29, Table 1 and the age and chronic-health
 * panels). Each table lists its rows from the highest range down. A row covers the values from its printed lower
 * bound up to the next row's lower bound, so the gaps the printed integer ranges leave (K⁺ 5.45, creatinine
 * 1.45, MAP 69.7) fall into the row whose lower bound they pass. The PaO₂ row "> 70" is the one strict bound.
 */

export interface PointsRow {
  /** Lowest value in the row (−Infinity for the bottom row). */
  from: number;
  /** True when the row starts strictly above `from` ("> 70"). */
  strict?: boolean;
  /** The range as Knaus prints it. */
  range: string;
  points: number;
}

export interface PointsTable {
  /** The variable, as the derivation names it. */
  label: string;
  /** Unit of the values, '' for pH. */
  unit: string;
  /** Rows from the highest range down, ending with a −Infinity row. */
  rows: readonly PointsRow[];
}

/** The row a value falls into. Tables end with a −Infinity row, so every finite value has one. */
export function findPointsRow(table: PointsTable, value: number): PointsRow {
  const row = table.rows.find((candidate) =>
    candidate.strict === true ? value > candidate.from : value >= candidate.from,
  );
  if (row === undefined) throw new Error(`points table has no row for ${value}`);
  return row;
}

const BOTTOM = Number.NEGATIVE_INFINITY;

/** Rectal temperature, °C. */
export const TEMPERATURE_POINTS: PointsTable = {
  label: 'Temperature',
  unit: '°C',
  rows: [
    { from: 41, range: '≥41', points: 4 },
    { from: 39, range: '39–40.9', points: 3 },
    { from: 38.5, range: '38.5–38.9', points: 1 },
    { from: 36, range: '36–38.4', points: 0 },
    { from: 34, range: '34–35.9', points: 1 },
    { from: 32, range: '32–33.9', points: 2 },
    { from: 30, range: '30–31.9', points: 3 },
    { from: BOTTOM, range: '≤29.9', points: 4 },
  ],
};

/** Mean arterial pressure, mm Hg. */
export const MEAN_ARTERIAL_PRESSURE_POINTS: PointsTable = {
  label: 'Mean arterial pressure',
  unit: 'mm Hg',
  rows: [
    { from: 160, range: '≥160', points: 4 },
    { from: 130, range: '130–159', points: 3 },
    { from: 110, range: '110–129', points: 2 },
    { from: 70, range: '70–109', points: 0 },
    { from: 50, range: '50–69', points: 2 },
    { from: BOTTOM, range: '≤49', points: 4 },
  ],
};

/** Ventricular heart rate, beats/min. */
export const HEART_RATE_POINTS: PointsTable = {
  label: 'Heart rate',
  unit: '/min',
  rows: [
    { from: 180, range: '≥180', points: 4 },
    { from: 140, range: '140–179', points: 3 },
    { from: 110, range: '110–139', points: 2 },
    { from: 70, range: '70–109', points: 0 },
    { from: 55, range: '55–69', points: 2 },
    { from: 40, range: '40–54', points: 3 },
    { from: BOTTOM, range: '≤39', points: 4 },
  ],
};

/** Respiratory rate (ventilated or not), breaths/min. */
export const RESPIRATORY_RATE_POINTS: PointsTable = {
  label: 'Respiratory rate',
  unit: '/min',
  rows: [
    { from: 50, range: '≥50', points: 4 },
    { from: 35, range: '35–49', points: 3 },
    { from: 25, range: '25–34', points: 1 },
    { from: 12, range: '12–24', points: 0 },
    { from: 10, range: '10–11', points: 1 },
    { from: 6, range: '6–9', points: 2 },
    { from: BOTTOM, range: '≤5', points: 4 },
  ],
};

/** Alveolar–arterial O₂ gradient, mm Hg, used when FiO₂ ≥ 0.5. */
export const AA_GRADIENT_POINTS: PointsTable = {
  label: 'A–a gradient',
  unit: 'mm Hg',
  rows: [
    { from: 500, range: '≥500', points: 4 },
    { from: 350, range: '350–499', points: 3 },
    { from: 200, range: '200–349', points: 2 },
    { from: BOTTOM, range: '<200', points: 0 },
  ],
};

/** Arterial PaO₂, mm Hg, used when FiO₂ < 0.5. */
export const PAO2_POINTS: PointsTable = {
  label: 'PaO₂',
  unit: 'mm Hg',
  rows: [
    { from: 70, strict: true, range: '>70', points: 0 },
    { from: 61, range: '61–70', points: 1 },
    { from: 55, range: '55–60', points: 3 },
    { from: BOTTOM, range: '<55', points: 4 },
  ],
};

/** Arterial pH. */
export const PH_POINTS: PointsTable = {
  label: 'Arterial pH',
  unit: '',
  rows: [
    { from: 7.7, range: '≥7.7', points: 4 },
    { from: 7.6, range: '7.6–7.69', points: 3 },
    { from: 7.5, range: '7.5–7.59', points: 1 },
    { from: 7.33, range: '7.33–7.49', points: 0 },
    { from: 7.25, range: '7.25–7.32', points: 2 },
    { from: 7.15, range: '7.15–7.24', points: 3 },
    { from: BOTTOM, range: '<7.15', points: 4 },
  ],
};

/** Serum sodium, mmol/L. */
export const SODIUM_POINTS: PointsTable = {
  label: 'Sodium',
  unit: 'mmol/L',
  rows: [
    { from: 180, range: '≥180', points: 4 },
    { from: 160, range: '160–179', points: 3 },
    { from: 155, range: '155–159', points: 2 },
    { from: 150, range: '150–154', points: 1 },
    { from: 130, range: '130–149', points: 0 },
    { from: 120, range: '120–129', points: 2 },
    { from: 111, range: '111–119', points: 3 },
    { from: BOTTOM, range: '≤110', points: 4 },
  ],
};

/** Serum potassium, mmol/L. */
export const POTASSIUM_POINTS: PointsTable = {
  label: 'Potassium',
  unit: 'mmol/L',
  rows: [
    { from: 7, range: '≥7', points: 4 },
    { from: 6, range: '6–6.9', points: 3 },
    { from: 5.5, range: '5.5–5.9', points: 1 },
    { from: 3.5, range: '3.5–5.4', points: 0 },
    { from: 3, range: '3–3.4', points: 1 },
    { from: 2.5, range: '2.5–2.9', points: 2 },
    { from: BOTTOM, range: '<2.5', points: 4 },
  ],
};

/** Serum creatinine, mg/dL (points doubled in acute renal failure). */
export const CREATININE_POINTS: PointsTable = {
  label: 'Creatinine',
  unit: 'mg/dL',
  rows: [
    { from: 3.5, range: '≥3.5', points: 4 },
    { from: 2, range: '2–3.4', points: 3 },
    { from: 1.5, range: '1.5–1.9', points: 2 },
    { from: 0.6, range: '0.6–1.4', points: 0 },
    { from: BOTTOM, range: '<0.6', points: 2 },
  ],
};

/** Haematocrit, %. */
export const HEMATOCRIT_POINTS: PointsTable = {
  label: 'Haematocrit',
  unit: '%',
  rows: [
    { from: 60, range: '≥60', points: 4 },
    { from: 50, range: '50–59.9', points: 2 },
    { from: 46, range: '46–49.9', points: 1 },
    { from: 30, range: '30–45.9', points: 0 },
    { from: 20, range: '20–29.9', points: 2 },
    { from: BOTTOM, range: '<20', points: 4 },
  ],
};

/** White blood cells, ×10⁹/L (= ×10³/mm³). */
export const WHITE_CELL_POINTS: PointsTable = {
  label: 'White blood cells',
  unit: '×10⁹/L',
  rows: [
    { from: 40, range: '≥40', points: 4 },
    { from: 20, range: '20–39.9', points: 2 },
    { from: 15, range: '15–19.9', points: 1 },
    { from: 3, range: '3–14.9', points: 0 },
    { from: 1, range: '1–2.9', points: 2 },
    { from: BOTTOM, range: '<1', points: 4 },
  ],
};

/** Age, years. */
export const AGE_POINTS: PointsTable = {
  label: 'Age',
  unit: 'years',
  rows: [
    { from: 75, range: '≥75', points: 6 },
    { from: 65, range: '65–74', points: 5 },
    { from: 55, range: '55–64', points: 3 },
    { from: 45, range: '45–54', points: 2 },
    { from: BOTTOM, range: '≤44', points: 0 },
  ],
};
