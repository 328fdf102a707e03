import { describe, expect, it } from 'vitest';
import { RULE_SETS } from '../answers/index.js';
import type { ModelResponse } from './responses.js';
import type { AppError } from '../app-error.js';
import { checkResponsesMatchDataset, groupResponsesBySlot, scoreModels } from './score-samples.js';
import type { ScoredItem } from './score.js';

const items: ScoredItem[] = [1, 2, 3, 4].map((id) => ({
  id: String(id),
  calculatorId: 4,
  calculatorName: 'CHA2DS2-VASc',
  category: 'risk',
  label: String(id),
  lowerLimit: String(id),
  upperLimit: String(id),
}));

function response(id: number, answer: number, extra: Partial<ModelResponse> = {}): ModelResponse {
  return { id: String(id), response: `<answer>${answer}</answer>`, line: 0, ...extra };
}

describe('groupResponsesBySlot', () => {
  it('groups by model in order of appearance and sample ascending (no sample = 0, no model = null)', () => {
    const slots = groupResponsesBySlot([
      response(1, 1, { model: 'b', sample: 1 }),
      response(1, 1, { model: 'a' }),
      response(1, 1, { model: 'b', sample: 0 }),
      response(1, 1),
    ]);
    expect(slots.map((slot) => [slot.model, slot.sample, slot.responses.length])).toEqual([
      ['b', 0, 1],
      ['b', 1, 1],
      ['a', 0, 1],
      [null, 0, 1],
    ]);
  });
});

describe('scoreModels', () => {
  const bootstrap = { seed: 'test', resamples: 2000 };

  it('scores each sample and averages over samples (3/4 and 1/4 correct → mean 50%)', () => {
    const responses = [
      ...[1, 2, 3, 4].map((id) => response(id, id === 4 ? 0 : id, { model: 'm', sample: 0 })),
      ...[1, 2, 3, 4].map((id) => response(id, id === 1 ? 1 : 0, { model: 'm', sample: 1 })),
    ];
    const [model] = scoreModels({ items, responses, ruleSet: RULE_SETS['relative-5pct'], bootstrap });
    expect(model?.samples.map((sample) => sample.report.overall.successes)).toEqual([3, 1]);
    // Item shares: 1, ½, ½, 0 → mean ½; a bootstrap over those four items.
    expect(model?.mean).toMatchObject({
      estimate: 0.5,
      samples: 2,
      items: 4,
      method: 'bootstrap-percentile',
    });
    expect(model?.mean.low).toBeLessThan(0.5);
    expect(model?.mean.high).toBeGreaterThan(0.5);
  });

  it('keeps one slot for a single-model single-sample file, with the Wilson interval of that sample', () => {
    const models = scoreModels({
      items,
      responses: [response(1, 1), response(2, 2)],
      ruleSet: RULE_SETS['relative-5pct'],
      bootstrap,
    });
    expect(models).toHaveLength(1);
    expect(models[0]?.model).toBeNull();
    const overall = models[0]?.samples[0]?.report.overall;
    expect(models[0]?.mean).toMatchObject({
      estimate: 0.5,
      low: overall?.low,
      high: overall?.high,
      method: 'wilson',
    });
    expect(models[0]?.samples[0]?.report.missingResponses).toEqual(['3', '4']);
  });

  it('scores an empty file as one slot with every item missing', () => {
    const models = scoreModels({ items, responses: [], ruleSet: RULE_SETS['relative-5pct'], bootstrap });
    expect(models[0]?.samples[0]?.report.missingResponses).toHaveLength(4);
  });

  it('reports per slot how many items were answered', () => {
    const [model] = scoreModels({
      items,
      responses: [response(1, 1), response(2, 0)],
      ruleSet: RULE_SETS['relative-5pct'],
      bootstrap,
    });
    expect(model?.samples[0]?.report.answered).toBe(2);
    expect(model?.samples[0]?.report.overallAnswered).toMatchObject({ successes: 1, total: 2 });
  });
});

describe('checkResponsesMatchDataset', () => {
  const bootstrap = { seed: 'test', resamples: 200 };
  const check = (responses: ModelResponse[]) => {
    const models = scoreModels({ items, responses, ruleSet: RULE_SETS['relative-5pct'], bootstrap });
    return () => checkResponsesMatchDataset({ source: 'r.jsonl', responses, items, models });
  };

  it('refuses an empty file with the item count', () => {
    expect(check([])).toThrow(/r\.jsonl has no responses \(0 of the dataset's 4 items answered\)/);
  });

  it('refuses responses none of whose ids are items, naming the slot when there are several', () => {
    expect(check([response(7, 1), response(8, 1)])).toThrow(
      /none of the 2 responses in r\.jsonl has the id of an item in the dataset \(4 items\); response ids: "7", "8"/,
    );
    expect(check([response(1, 1, { model: 'a' }), response(9, 1, { model: 'b', sample: 2 })])).toThrow(
      /none of the 1 responses of model b, sample 2/,
    );
    const error = (() => {
      try {
        check([response(9, 1)])();
      } catch (caught) {
        return caught as AppError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('RESPONSES_INVALID');
  });

  it('accepts responses with at least one item in every slot', () => {
    expect(check([response(1, 1), response(9, 1)])).not.toThrow();
  });
});
