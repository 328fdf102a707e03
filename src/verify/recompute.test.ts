import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import type { CalculatorSlug } from '../catalog/medcalc-bench.js';
import { buildDataset } from '../dataset/build.js';
import type { Instance } from '../dataset/instance.js';
import { readCsvRows } from '../dataset/read-rows.js';
import { recomputeInstance, summariseRecompute } from './recompute.js';

const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'test_data.csv');
const dataset = buildDataset(table.rows, { source: 'test_data.csv', format: 'csv', headers: table.headers });

describe('recompute over the whole v1.0 test split', () => {
  it('every one of the 1,047 rows computes or comes back typed not-computable; none crashes', () => {
    const rows = dataset.instances.map((instance) => recomputeInstance(instance));
    expect(rows).toHaveLength(1047);
    for (const row of rows) {
      if (row.recomputed === null) {
        expect(row.notComputable?.reason.length).toBeGreaterThan(0);
        expect(row.agrees).toBeNull();
      } else {
        expect(typeof row.agrees).toBe('boolean');
        expect(row.notComputable).toBeNull();
        expect(row.steps.length).toBeGreaterThan(0);
      }
    }
    const summary = summariseRecompute(rows, dataset.instances);
    expect(summary).toHaveLength(55);
    const agree = summary.reduce((sum, entry) => sum + entry.agree, 0);
    const notComputable = summary.reduce((sum, entry) => sum + entry.notComputable, 0);
    // Pinned so a change in how many v1.0 labels our calculators reproduce is seen and explained.
    expect({ agree, notComputable }).toMatchInlineSnapshot(`
      {
        "agree": 848,
        "notComputable": 5,
      }
    `);
    expect(
      summary.map(
        (entry) =>
          `${entry.calculatorId} ${entry.calculator}: ${entry.agree}/${entry.rows} agree, ${entry.notComputable} not computable`,
      ),
    ).toMatchInlineSnapshot(`
      [
        "2 Creatinine Clearance (Cockcroft-Gault Equation): 20/20 agree, 0 not computable",
        "3 CKD-EPI Equations for Glomerular Filtration Rate: 18/20 agree, 0 not computable",
        "4 CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk: 20/20 agree, 0 not computable",
        "5 Mean Arterial Pressure (MAP): 20/20 agree, 0 not computable",
        "6 Body Mass Index (BMI): 20/20 agree, 0 not computable",
        "7 Calcium Correction for Hypoalbuminemia: 17/19 agree, 0 not computable",
        "8 Wells' Criteria for Pulmonary Embolism: 20/20 agree, 0 not computable",
        "9 MDRD GFR Equation: 20/20 agree, 0 not computable",
        "10 Ideal Body Weight: 20/20 agree, 0 not computable",
        "11 QTc Bazett Calculator: 20/20 agree, 0 not computable",
        "13 Estimated Due Date: 5/20 agree, 0 not computable",
        "15 Child-Pugh Score for Cirrhosis Mortality: 5/20 agree, 0 not computable",
        "16 Wells' Criteria for DVT: 20/20 agree, 0 not computable",
        "17 Revised Cardiac Risk Index for Pre-Operative Risk: 7/20 agree, 0 not computable",
        "18 HEART Score for Major Cardiac Events: 20/20 agree, 0 not computable",
        "19 Fibrosis-4 (FIB-4) Index for Liver Fibrosis: 20/20 agree, 0 not computable",
        "20 Centor Score (Modified/McIsaac) for Strep Pharyngitis: 19/20 agree, 1 not computable",
        "21 Glasgow Coma Score (GCS): 0/20 agree, 4 not computable",
        "22 Maintenance Fluids Calculations: 20/20 agree, 0 not computable",
        "23 MELD Na (UNOS/OPTN): 1/5 agree, 0 not computable",
        "24 Steroid Conversion Calculator: 20/20 agree, 0 not computable",
        "25 HAS-BLED Score for Major Bleeding Risk: 20/20 agree, 0 not computable",
        "26 Sodium Correction for Hyperglycemia: 20/20 agree, 0 not computable",
        "27 Glasgow-Blatchford Bleeding Score (GBS): 17/20 agree, 0 not computable",
        "28 APACHE II Score: 0/20 agree, 0 not computable",
        "29 PSI Score: Pneumonia Severity Index for CAP: 18/20 agree, 0 not computable",
        "30 Serum Osmolality: 20/20 agree, 0 not computable",
        "31 HOMA-IR (Homeostatic Model Assessment for Insulin Resistance): 2/2 agree, 0 not computable",
        "32 Charlson Comorbidity Index (CCI): 4/20 agree, 0 not computable",
        "33 FeverPAIN Score for Strep Pharyngitis: 20/20 agree, 0 not computable",
        "36 Caprini Score for Venous Thromboembolism (2005): 0/20 agree, 0 not computable",
        "38 Free Water Deficit: 20/20 agree, 0 not computable",
        "39 Anion Gap: 20/20 agree, 0 not computable",
        "40 Fractional Excretion of Sodium (FENa): 5/5 agree, 0 not computable",
        "43 Sequential Organ Failure Assessment (SOFA) Score: 1/20 agree, 0 not computable",
        "44 LDL Calculated: 18/20 agree, 0 not computable",
        "45 CURB-65 Score for Pneumonia Severity: 20/20 agree, 0 not computable",
        "46 Framingham Risk Score for Hard Coronary Heart Disease: 0/16 agree, 0 not computable",
        "48 PERC Rule for Pulmonary Embolism: 20/20 agree, 0 not computable",
        "49 Morphine Milligram Equivalents (MME) Calculator: 20/20 agree, 0 not computable",
        "51 SIRS Criteria: 10/20 agree, 0 not computable",
        "56 QTc Fridericia Calculator: 20/20 agree, 0 not computable",
        "57 QTc Framingham Calculator: 20/20 agree, 0 not computable",
        "58 QTc Hodges Calculator: 20/20 agree, 0 not computable",
        "59 QTc Rautaharju Calculator: 20/20 agree, 0 not computable",
        "60 Body Surface Area Calculator: 20/20 agree, 0 not computable",
        "61 Target weight: 20/20 agree, 0 not computable",
        "62 Adjusted Body Weight: 20/20 agree, 0 not computable",
        "63 Delta Gap: 20/20 agree, 0 not computable",
        "64 Delta Ratio: 20/20 agree, 0 not computable",
        "65 Albumin Corrected Anion Gap: 20/20 agree, 0 not computable",
        "66 Albumin Corrected Delta Gap: 20/20 agree, 0 not computable",
        "67 Albumin Corrected Delta Ratio: 20/20 agree, 0 not computable",
        "68 Estimated of Conception: 1/20 agree, 0 not computable",
        "69 Estimated Gestational Age: 20/20 agree, 0 not computable",
      ]
    `);
  });

  it('a row without entities or with an unknown calculator is not computable, with the reason', () => {
    const base = dataset.instances[0] as Instance;
    expect(recomputeInstance({ ...base, entities: undefined }).notComputable?.reason).toMatch(
      /no parsable Relevant Entities/,
    );
    expect(recomputeInstance({ ...base, calculatorSlug: undefined }).notComputable?.reason).toMatch(
      /unknown calculator/,
    );
    // A slug outside the registry (a hand-built row) used to throw instead.
    for (const slug of ['not-a-calculator', 'constructor']) {
      expect(
        recomputeInstance({ ...base, calculatorSlug: slug as CalculatorSlug }).notComputable?.reason,
      ).toMatch(/unknown calculator/);
    }
    expect(
      recomputeInstance({ ...base, entities: { weight: ['heavy', 'kg'] } }).notComputable?.reason,
    ).toMatch(/unusable input/);
  });

  it('reproduces a known v1.0 defect as a disagreement: Child-Pugh rows whose ascites the v1.0 code ignored', () => {
    const childPugh = dataset.instances.filter((instance) => instance.calculatorId === 15);
    const rows = childPugh.map((instance) => recomputeInstance(instance));
    const withAscites = rows.filter((_row, index) =>
      ['slight', 'moderate'].includes(childPugh[index]?.entities?.['Ascites'] as string),
    );
    expect(withAscites.length).toBeGreaterThan(0);
    expect(withAscites.every((row) => row.agrees === false)).toBe(true);
  });
});
