import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startScriptedOpenAiServer,
  type Script,
  type ScriptedReply,
  type ScriptedServer,
} from '../../../test/scripted-openai-server.js';
import { createMemoryResponseCache } from '../../llm/response-cache.js';
import { createTestContext, HOSTILE_INSTANCES, runVerifierContract } from '../contract.test-suite.js';
import { createScriptedCaller, createSensibleReplies } from './__fixtures__/scripted-replies.js';
import { findV1Row, loadContractRows } from './__fixtures__/v1-rows.js';
import { createLlmRecomputeVerifier } from './llm-recompute.js';
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
  return { verifier: createLlmRecomputeVerifier({}, { models: new Map([[MODEL, caller]]) }), server };
}

const detailsOf = (details: Record<string, unknown>) => details as unknown as LlmVerdictDetails;

interface Reading {
  value: number | null;
  quote: string | null;
  unit?: string;
  timePoint?: string;
}

/** A reply for the MAP calculator (inputs systolic, diastolic). */
function mapReply(systolic: Reading, diastolic: Reading): ScriptedReply {
  const entry = (input: string, reading: Reading) => ({
    input,
    status: reading.value === null ? 'missing' : 'present',
    value: reading.value,
    unit: reading.value === null ? null : (reading.unit ?? 'mmHg'),
    drug: null,
    quote: reading.quote,
    timePoint: reading.timePoint ?? null,
  });
  return { kind: 'json', value: { inputs: [entry('systolic', systolic), entry('diastolic', diastolic)] } };
}

describe('llm-recompute on v1.0 rows', () => {
  // Row 61: "BP of 140/80 mmHg"; label 100 = (140 + 2 × 80) / 3.
  const row = findV1Row('61');
  const faithful = mapReply(
    { value: 140, quote: 'BP of 140/80 mmHg' },
    { value: 80, quote: 'BP of 140/80 mmHg' },
  );

  it('inputs read from the note, computed by our calculator, support the label; quotes become evidence', async () => {
    const { verifier, server: started } = await makeVerifier([faithful, faithful]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict).toMatchObject({ assessment: 'supports', proposedLabel: '100', findings: [] });
    const details = detailsOf(verdict.details);
    expect(details.vote).toMatchObject({ outcome: 'agreed', answer: '100', runs: 2 });
    expect(details.inputVotes?.map((vote) => [vote.input, vote.outcome, vote.value])).toEqual([
      ['systolic', 'agreed', '140 mm Hg'],
      ['diastolic', 'agreed', '80 mm Hg'],
    ]);
    const span = details.inputVotes?.[0]?.evidence[0];
    expect(span !== undefined && row.note.slice(span.start, span.end)).toBe('BP of 140/80 mmHg');
    expect(details.fabricatedQuotes).toBe(0);
    // The model never sees the label or the entities.
    const sent = JSON.stringify(started.requests[0]?.body['messages']);
    expect(sent).not.toContain('Systolic Blood Pressure');
    expect(sent).not.toContain(row.explanation?.slice(0, 40));
  });

  it('catches a fabricated quote: a finding, counted, and a lower confidence', async () => {
    const fabricated = mapReply(
      { value: 140, quote: 'BP 140/80 recorded in clinic' },
      { value: 80, quote: 'BP of 140/80 mmHg' },
    );
    const { verifier } = await makeVerifier([fabricated, fabricated]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict.assessment).toBe('supports');
    expect(detailsOf(verdict.details).fabricatedQuotes).toBe(2);
    expect(verdict.categories).toEqual(['extraction-error']);
    expect(verdict.findings[0]?.message).toMatch(/quote given for systolic was not found in the note/);
    // 2 of 2 → 0.75, times 1 − 0.5 × 2/4.
    expect(verdict.confidence).toBe(0.56);
  });

  it('consistent different readings dispute the label with our computed answer, naming the input', async () => {
    const other = mapReply({ value: 160, quote: null }, { value: 80, quote: null });
    // Against the label 100, a relabel needs 4 of 4 runs (a lead of 3 over the label).
    const { verifier } = await makeVerifier([other, other, other, other]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(detailsOf(verdict.details).vote).toMatchObject({ outcome: 'agreed', runs: 4 });
    // (160 + 2 × 80) / 3 = 106.667
    expect(verdict).toMatchObject({ assessment: 'disputes', proposedLabel: '106.666666667' });
    expect(verdict.findings[0]?.message).toMatch(/systolic \(note 160 mm Hg; stored 140 mm Hg\)/);
  });

  it('a required input missing in every run makes the verdict not-computable', async () => {
    const missing = mapReply({ value: 140, quote: null }, { value: null, quote: null });
    const { verifier } = await makeVerifier([missing, missing, missing, missing]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict.assessment).toBe('not-computable');
    expect(detailsOf(verdict.details).vote.runs).toBe(4);
    expect(detailsOf(verdict.details).vote.outcome).toBe('agreed-not-computable');
    expect(detailsOf(verdict.details).inputVotes?.[1]).toMatchObject({
      input: 'diastolic',
      outcome: 'missing',
    });
    expect(verdict.findings[0]?.message).toMatch(/missing: diastolic/);
  });

  it('a split shows which input and time point differ, and abstains', async () => {
    const admission = mapReply(
      { value: 140, quote: null, timePoint: 'on admission' },
      { value: 80, quote: null },
    );
    const later = mapReply({ value: 90, quote: null, timePoint: 'day 3' }, { value: 80, quote: null });
    const { verifier } = await makeVerifier([admission, later, admission, later]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict.assessment).toBe('abstains');
    const details = detailsOf(verdict.details);
    expect(details.vote).toMatchObject({ outcome: 'split', runs: 4 });
    expect(details.inputVotes?.map((vote) => [vote.input, vote.outcome])).toEqual([
      ['systolic', 'split'],
      ['diastolic', 'agreed'],
    ]);
    expect(details.inputVotes?.[0]?.timePoint).toBe('on admission');
  });

  it('an input in a unit no converter knows makes that run abstain', async () => {
    const odd = mapReply({ value: 140, quote: null, unit: 'furlongs' }, { value: 80, quote: null });
    const { verifier } = await makeVerifier([odd, faithful, faithful]);
    const verdict = await verifier.verify(row, createTestContext());
    const runs = detailsOf(verdict.details).runs;
    expect(runs[0]).toMatchObject({ outcome: 'abstain' });
    expect(runs[0]?.reason).toMatch(/unusable extracted input/);
    expect(verdict.assessment).toBe('supports');
  });

  it('a malformed reply is retried by the caller, then the run abstains', async () => {
    const { verifier } = await makeVerifier([
      // Runs 0 and 1 start together; whichever retries first gets the third malformed reply and abstains.
      { kind: 'malformed', text: 'not json' },
      { kind: 'malformed', text: 'still not json' },
      { kind: 'malformed', text: 'never json' },
      faithful,
      faithful,
      faithful,
    ]);
    const verdict = await verifier.verify(row, createTestContext());
    const runs = detailsOf(verdict.details).runs;
    expect(runs.filter((run) => run.outcome === 'abstain')).toHaveLength(1);
    expect(verdict.assessment).toBe('supports');
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
const makeContractVerifier = () =>
  createLlmRecomputeVerifier({}, { models: new Map([[MODEL, contractCaller]]) });
beforeAll(async () => {
  for (const instance of contractRows) await makeContractVerifier().verify(instance, createTestContext());
});
afterAll(() => contractServer.close());
runVerifierContract({ make: makeContractVerifier });

describe('llm-recompute with sensible replies on the contract rows', () => {
  it('mostly agrees with the stored entities recomputed (the fixture replays them)', async () => {
    const verifier = makeContractVerifier();
    const verdicts = await Promise.all(
      loadContractRows().map((instance) => Promise.resolve(verifier.verify(instance, createTestContext()))),
    );
    const assessments = new Set(verdicts.map((verdict) => verdict.assessment));
    expect(assessments.has('supports')).toBe(true);
  });
});
