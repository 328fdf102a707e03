import { describe, expect, it } from 'vitest';
import type { AppError } from '../app-error.js';
import { parseResponsesJsonl } from './responses.js';

function errorOf(text: string): AppError {
  try {
    parseResponsesJsonl(text, 'r.jsonl');
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('parseResponsesJsonl', () => {
  it('reads ids as strings (numbers allowed), skips blank lines, tolerates CRLF and a BOM', () => {
    const text = '\uFEFF{"id": 1, "response": "a"}\r\n\r\n{"id": "2", "response": "b"}\n';
    expect(parseResponsesJsonl(text, 'r.jsonl')).toEqual([
      { id: '1', response: 'a', line: 1 },
      { id: '2', response: 'b', line: 3 },
    ]);
  });
  it('names the line of malformed JSON', () => {
    expect(errorOf('{"id": 1, "response": "a"}\n{"id": 2,').message).toMatch(
      /r.jsonl: line 2 is not valid JSON/,
    );
  });
  it('names the field that is missing or of the wrong type', () => {
    expect(errorOf('{"id": 1}').message).toMatch(/line 1: field "response"/);
    expect(errorOf('{"response": "x"}').message).toMatch(/line 1: field "id"/);
    expect(errorOf('[1, 2]').message).toMatch(/line 1/);
  });
  it('rejects duplicate ids with both lines', () => {
    const error = errorOf('{"id": 1, "response": "a"}\n{"id": "1", "response": "b"}');
    expect(error.code).toBe('RESPONSES_INVALID');
    expect(error.message).toMatch(/line 2: duplicate id "1" \(also on line 1\)/);
  });

  it('reads optional model and sample fields, and allows one id per model and sample', () => {
    const text = [
      '{"id": 1, "model": "m1", "sample": 0, "response": "a"}',
      '{"id": 1, "model": "m1", "sample": 1, "response": "b"}',
      '{"id": 1, "model": "m2", "response": "c"}',
    ].join('\n');
    expect(parseResponsesJsonl(text, 'r.jsonl')).toEqual([
      { id: '1', model: 'm1', sample: 0, response: 'a', line: 1 },
      { id: '1', model: 'm1', sample: 1, response: 'b', line: 2 },
      { id: '1', model: 'm2', response: 'c', line: 3 },
    ]);
  });
  it('rejects a repeated (model, sample, id), counting a missing sample as 0, and a bad sample index', () => {
    const error = errorOf(
      '{"id": 1, "model": "m", "response": "a"}\n{"id": 1, "model": "m", "sample": 0, "response": "b"}',
    );
    expect(error.message).toMatch(/line 2: duplicate id "1" \(model m, sample 0\) \(also on line 1\)/);
    expect(errorOf('{"id": 1, "sample": -1, "response": "a"}').message).toMatch(/line 1: field "sample"/);
    expect(errorOf('{"id": 1, "sample": 1.5, "response": "a"}').message).toMatch(/field "sample"/);
    expect(errorOf('{"id": 1, "model": "", "response": "a"}').message).toMatch(/field "model"/);
  });
});
