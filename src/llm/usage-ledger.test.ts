import { describe, expect, it } from 'vitest';
import {
  computeCostUsd,
  computeTokenCostUsd,
  createMemoryUsageLedger,
  resolveTokenPrice,
  summarizeUsage,
} from './usage-ledger.js';
import type { UsageRecord } from './usage-ledger.js';

const prices = { 'openai/m': { inputUsdPerMillion: 0.15, outputUsdPerMillion: 0.6 } } as const;

function makeRecord(overrides: Partial<UsageRecord>): UsageRecord {
  return {
    model: 'openai/m',
    promptId: 'p',
    promptVersion: '1',
    verifier: 'llm-audit',
    itemId: '1',
    runIndex: 0,
    inputTokens: 1000,
    outputTokens: 100,
    costUsd: 0.00021,
    latencyMs: 5,
    cached: false,
    attempts: 1,
    outcome: 'ok',
    at: new Date(0),
    ...overrides,
  };
}

describe('computeCostUsd', () => {
  it('prices input and output tokens per million', () => {
    // 1000 × 0.15 / 1e6 + 100 × 0.6 / 1e6 = 0.00015 + 0.00006
    expect(computeCostUsd(prices, 'openai/m', { inputTokens: 1000, outputTokens: 100 })).toBeCloseTo(
      0.00021,
      12,
    );
  });

  it('prices a batch call at half the standard price, or at the batch price the table gives', () => {
    const price = prices['openai/m'];
    const tokens = { inputTokens: 1000, outputTokens: 100 };
    // 1000 × 0.15 × 0.5 / 1e6 + 100 × 0.6 × 0.5 / 1e6 = 0.000075 + 0.00003
    expect(computeTokenCostUsd(resolveTokenPrice(price, 'batch'), tokens)).toBeCloseTo(0.000105, 12);
    const explicit = { ...price, batchInputUsdPerMillion: 0.1, batchOutputUsdPerMillion: 0.2 };
    expect(resolveTokenPrice(explicit, 'batch')).toEqual({
      inputUsdPerMillion: 0.1,
      outputUsdPerMillion: 0.2,
    });
    // 1000 × 0.1 / 1e6 + 100 × 0.2 / 1e6 = 0.0001 + 0.00002
    expect(computeTokenCostUsd(resolveTokenPrice(explicit, 'batch'), tokens)).toBeCloseTo(0.00012, 12);
    // A live call keeps the standard price.
    expect(computeCostUsd({ 'openai/m': explicit }, 'openai/m', tokens)).toBeCloseTo(0.00021, 12);
    expect(computeTokenCostUsd(undefined, tokens)).toBeNull();
  });

  it('is null for an unknown model or unreported tokens', () => {
    expect(computeCostUsd(prices, 'openai/other', { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(computeCostUsd(prices, 'toString', { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(computeCostUsd(prices, 'openai/m', { inputTokens: undefined, outputTokens: 1 })).toBeNull();
  });
});

describe('summarizeUsage', () => {
  it('totals per model and verifier, and an unknown price makes the cost unknown', async () => {
    const ledger = createMemoryUsageLedger();
    await ledger.record(makeRecord({}));
    await ledger.record(makeRecord({ cached: true, costUsd: 0 }));
    await ledger.record(
      makeRecord({
        outcome: 'abstain',
        inputTokens: 10,
        outputTokens: undefined,
        costUsd: null,
        verifier: 'llm-answer',
      }),
    );
    await ledger.record(makeRecord({ model: 'anthropic/c', costUsd: null }));
    const totals = summarizeUsage(ledger.records);
    expect(totals.map((total) => `${total.model} ${total.verifier}`)).toEqual([
      'anthropic/c llm-audit',
      'openai/m llm-answer',
      'openai/m llm-audit',
    ]);
    expect(totals[2]).toMatchObject({
      calls: 2,
      cachedCalls: 1,
      abstentions: 0,
      inputTokens: 2000,
      outputTokens: 200,
      costUsd: 0.00021,
    });
    expect(totals[1]).toMatchObject({
      calls: 1,
      abstentions: 1,
      inputTokens: 10,
      outputTokens: 0,
      costUsd: null,
    });
    expect(totals[0]?.costUsd).toBeNull();
    expect(totals[2]).toMatchObject({ batchCalls: 0, batchCostUsd: 0 });
  });

  it('counts batch calls apart, and their spend is part of the cost', () => {
    const totals = summarizeUsage([
      makeRecord({ costUsd: 0.2 }),
      makeRecord({ via: 'batch', costUsd: 0.1 }),
      makeRecord({ via: 'batch', costUsd: 0.05 }),
      makeRecord({ cached: true, costUsd: 0, attempts: 0 }),
    ]);
    expect(totals).toHaveLength(1);
    expect(totals[0]).toMatchObject({ calls: 4, cachedCalls: 1, batchCalls: 2 });
    expect(totals[0]?.costUsd).toBeCloseTo(0.35, 12);
    expect(totals[0]?.batchCostUsd).toBeCloseTo(0.15, 12);
    const unpriced = summarizeUsage([makeRecord({ via: 'batch', costUsd: null }), makeRecord({})]);
    expect(unpriced[0]).toMatchObject({ costUsd: null, batchCostUsd: null });
  });
});
