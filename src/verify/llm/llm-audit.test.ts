import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startScriptedOpenAiServer,
  type Script,
  type ScriptedReply,
  type ScriptedServer,
} from '../../../test/scripted-openai-server.js';
import { CALCULATORS } from '../../calculators/registry.js';
import { createMemoryResponseCache } from '../../llm/response-cache.js';
import { createTestContext, HOSTILE_INSTANCES, runVerifierContract } from '../contract.test-suite.js';
import { createScriptedCaller, createSensibleReplies } from './__fixtures__/scripted-replies.js';
import { findV1Row, loadContractRows } from './__fixtures__/v1-rows.js';
import { createLlmAuditVerifier, recomputeWithCorrections } from './llm-audit.js';
import type { LlmVerdictDetails } from './types.js';

const MODEL = 'openai/scripted-model';
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function makeVerifier(script: Script) {
  server = await startScriptedOpenAiServer({ script });
  const caller = createScriptedCaller({
    baseUrl: server.baseUrl,
    model: MODEL,
    cache: createMemoryResponseCache(),
  });
  return { verifier: createLlmAuditVerifier({}, { models: new Map([[MODEL, caller]]) }), server };
}

const detailsOf = (details: Record<string, unknown>) => details as unknown as LlmVerdictDetails;

function auditReply(fields: Partial<Record<string, unknown>>): ScriptedReply {
  return {
    kind: 'json',
    value: {
      judgment: 'agree',
      category: null,
      correctedInputs: [],
      proposedAnswer: null,
      rationale: 'Checked.',
      ...fields,
    },
  };
}

// Row 1: Cockcroft-Gault, male, 87 years, 48 kg, creatinine 1.4 mg/dL; label 25.238 = (140 − 87) × 48 / (72 × 1.4).
const row = findV1Row('1');
const creatinineCorrection = {
  judgment: 'disagree',
  category: 'extraction-error',
  correctedInputs: [{ input: 'creatinine', value: 2.0, unit: 'mg/dL', quote: 'creatinine, 1.4 mg/dL' }],
  proposedAnswer: '17.7',
  rationale: 'The creatinine at the time point asked is 2.0 mg/dL.',
};

describe('llm-audit on v1.0 rows', () => {
  it('sends the label, entities, explanation and our calculator criteria; agreed "agree" supports', async () => {
    const { verifier, server: started } = await makeVerifier([auditReply({}), auditReply({})]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict.assessment).toBe('supports');
    expect(detailsOf(verdict.details)).toMatchObject({ blind: false, prompt: { id: 'llm-audit' } });
    const sent = JSON.stringify(started.requests[0]?.body['messages']);
    for (const part of [
      '25.238',
      "'creatinine': [1.4, 'mg/dL']",
      'Formula or criteria:',
      'creatinine (Serum creatinine)',
    ]) {
      expect(sent).toContain(JSON.stringify(part).slice(1, -1));
    }
  });

  it('agreed "disagree" disputes, proposing our calculator on the entities with the corrected input', async () => {
    const { verifier } = await makeVerifier([
      auditReply(creatinineCorrection),
      auditReply(creatinineCorrection),
    ]);
    const verdict = await verifier.verify(row, createTestContext());
    // (140 − 87) × 48 / (72 × 2.0) = 2544 / 144 = 17.6667 (the model's own 17.7 is never used).
    expect(verdict.assessment).toBe('disputes');
    expect(Number(verdict.proposedLabel)).toBeCloseTo(17.6667, 3);
    expect(verdict.categories).toEqual(['extraction-error']);
    const evidence = verdict.findings[0]?.evidence[0];
    expect(evidence !== undefined && row.note.slice(evidence.start, evidence.end)).toBe(
      'creatinine, 1.4 mg/dL',
    );
  });

  it('catches a fabricated quote among the corrected inputs', async () => {
    const fabricated = {
      ...creatinineCorrection,
      correctedInputs: [
        { input: 'creatinine', value: 2.0, unit: 'mg/dL', quote: 'repeat creatinine 2.0 mg/dL' },
      ],
    };
    const { verifier } = await makeVerifier([auditReply(fabricated), auditReply(fabricated)]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(detailsOf(verdict.details).fabricatedQuotes).toBe(2);
    expect(verdict.findings.some((finding) => /not found in the note/.test(finding.message))).toBe(true);
    expect(verdict.confidence).toBe(0.38); // 0.75 × (1 − 0.5 × 2/2)
  });

  it('a split judgment abstains', async () => {
    const { verifier } = await makeVerifier([
      auditReply({}),
      auditReply(creatinineCorrection),
      auditReply({ judgment: 'cannot-tell' }),
    ]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict.assessment).toBe('abstains');
    expect(detailsOf(verdict.details).vote.outcome).toBe('split');
    expect(detailsOf(verdict.details).runs.map((run) => run.judgment)).toEqual([
      'agree',
      'disagree',
      'cannot-tell',
    ]);
  });
});

describe('recomputeWithCorrections', () => {
  const calculator = CALCULATORS['creatinine-clearance-cockcroft-gault'];
  it('applies corrections over the stored entities; unknown inputs give no label', () => {
    expect(recomputeWithCorrections(calculator, row.entities, [])).toBe('25.2380952381');
    expect(
      recomputeWithCorrections(calculator, row.entities, [
        { input: 'potassium', value: 4, unit: 'mmol/L', quote: null },
      ]),
    ).toBeNull();
    expect(recomputeWithCorrections(calculator, undefined, [])).toBeNull();
  });
});

const contractRows = [...loadContractRows(), ...HOSTILE_INSTANCES];
const contractServer = await startScriptedOpenAiServer({
  script: createSensibleReplies({ instances: contractRows }),
});
const contractCaller = createScriptedCaller({
  baseUrl: contractServer.baseUrl,
  model: MODEL,
  cache: createMemoryResponseCache(),
});
const makeContractVerifier = () => createLlmAuditVerifier({}, { models: new Map([[MODEL, contractCaller]]) });
beforeAll(async () => {
  for (const instance of contractRows) await makeContractVerifier().verify(instance, createTestContext());
});
afterAll(() => contractServer.close());
runVerifierContract({ make: makeContractVerifier });
