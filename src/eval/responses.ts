import { z } from 'zod';
import { AppError } from '../app-error.js';

/**
 * One model response to score: `{"id": ..., "response": "<full model text>"}` per JSONL line, optionally with
 * `"model"` (several models in one file) and `"sample"` (a 0-based sample index, for several samples per item).
 */
export interface ModelResponse {
  id: string;
  response: string;
  /** 1-based line in the responses file. */
  line: number;
  /** Absent when the line names no model. */
  model?: string;
  /** Absent when the line names no sample (read as sample 0). */
  sample?: number;
}

const responseLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  response: z.string(),
  model: z.string().min(1).optional(),
  sample: z.number().int().min(0).optional(),
});

function describeSlot(model: string | undefined, sample: number | undefined): string {
  const parts = [
    ...(model === undefined ? [] : [`model ${model}`]),
    ...(sample === undefined ? [] : [`sample ${sample}`]),
  ];
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/**
 * Parses a responses JSONL text. A malformed line, a missing field or a duplicate id is an error naming the line,
 * because silently dropping a response would change the accuracy.
 */
export function parseResponsesJsonl(text: string, source: string): ModelResponse[] {
  const responses: ModelResponse[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new AppError(
        'RESPONSES_INVALID',
        `${source}: line ${lineNumber} is not valid JSON (${(error as Error).message})`,
        {
          fix: 'Each line must be one JSON object like {"id": "12", "response": "<model text>"}.',
          details: { source, line: lineNumber },
        },
      );
    }
    const parsed = responseLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(line)';
      throw new AppError(
        'RESPONSES_INVALID',
        `${source}: line ${lineNumber}: field "${field}" ${issue?.message ?? 'is invalid'}`,
        {
          fix: 'Each line needs "id" (the dataset row id) and "response" (the full model text, a string); "model" (a string) and "sample" (a whole number from 0) are optional.',
          details: { source, line: lineNumber, field },
        },
      );
    }
    const id = String(parsed.data.id);
    const { model, sample } = parsed.data;
    // One response per (model, sample, id); the JSON key keeps the three apart whatever they contain.
    const slot = JSON.stringify([model ?? null, sample ?? 0, id]);
    const previous = seen.get(slot);
    if (previous !== undefined) {
      throw new AppError(
        'RESPONSES_INVALID',
        `${source}: line ${lineNumber}: duplicate id "${id}"${describeSlot(model, sample)} (also on line ${previous})`,
        {
          fix: 'Keep one response per id (per model and sample); give repeated samples a "sample" index.',
          details: {
            source,
            line: lineNumber,
            id,
            ...(model === undefined ? {} : { model }),
            sample: sample ?? 0,
          },
        },
      );
    }
    seen.set(slot, lineNumber);
    responses.push({
      id,
      response: parsed.data.response,
      line: lineNumber,
      ...(model === undefined ? {} : { model }),
      ...(sample === undefined ? {} : { sample }),
    });
  }
  return responses;
}
