import type { ScriptedReply, ScriptedRequest } from '../../../../test/scripted-openai-server.js';
import { readInputs } from '../../../calculators/read-inputs.js';
import { CALCULATORS, findCalculator } from '../../../calculators/registry.js';
import type { Instance } from '../../../dataset/instance.js';
import { formatUsDate, type CalendarDate } from '../../../units/calendar.js';
import { QUANTITY_KINDS } from '../../../units/index.js';
import { createModelCaller, type ModelCaller } from '../../../llm/model-caller.js';
import { createLanguageModel } from '../../../llm/language-model.js';
import { parseModelSpec } from '../../../llm/model-spec.js';
import { createMemoryResponseCache, type ResponseCache } from '../../../llm/response-cache.js';
import { createMemoryUsageLedger, type UsageLedger } from '../../../llm/usage-ledger.js';
import type { ExtractedInput } from '../prompts/llm-recompute.js';

/** Which LLM verifier prompt a request carries (by its structured-output name, else the answer prompt). */
export type ScriptedPromptKind = 'llm-recompute' | 'llm-audit' | 'llm-answer';

interface RequestMessage {
  role?: unknown;
  content?: unknown;
}

export function readPromptKind(request: ScriptedRequest): ScriptedPromptKind {
  const format = request.body['response_format'] as { json_schema?: { name?: unknown } } | undefined;
  const name = format?.json_schema?.name;
  if (name === 'calculator_inputs') return 'llm-recompute';
  if (name === 'label_audit') return 'llm-audit';
  const text = JSON.stringify(request.body['messages'] ?? '');
  if (text.includes('extract the inputs of a clinical calculator')) return 'llm-recompute';
  if (text.includes('You audit one label')) return 'llm-audit';
  return 'llm-answer';
}

/** The user turn's text of a chat request. */
export function readUserText(request: ScriptedRequest): string {
  const messages = (request.body['messages'] ?? []) as RequestMessage[];
  return messages
    .filter((message) => message.role === 'user')
    .map((message) =>
      typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
    )
    .join('\n');
}

/** The input names the recompute prompt lists (`- name (label): …`). */
export function readListedInputs(userText: string): string[] {
  return [...userText.matchAll(/^- ([A-Za-z][\w]*) \(/gm)].map((match) => match[1] as string);
}

/** The note a verifier request carries (between "Patient note:" and the question). */
export function readRequestNote(request: ScriptedRequest): string | undefined {
  const text = readUserText(request);
  const start = text.indexOf('Patient note:\n');
  const end = text.indexOf('\n\nQuestion: ', start);
  return start < 0 || end < 0 ? undefined : text.slice(start + 'Patient note:\n'.length, end);
}

/** Looks instances up by their note (the first instance with a note wins). */
export function indexInstancesByNote(instances: readonly Instance[]): ReadonlyMap<string, Instance> {
  const byNote = new Map<string, Instance>();
  for (const instance of instances) if (!byNote.has(instance.note)) byNote.set(instance.note, instance);
  return byNote;
}

function quoteFor(note: string, value: unknown): string | null {
  if (typeof value !== 'number') return null;
  const text = String(value);
  return note.includes(text) ? text : null;
}

/**
 * The inputs a careful reader would return for an instance: the row's stored entities as our calculator reads them
 * (canonical units), each with a quote where its number is written in the note; every other listed input missing.
 */
export function buildRecomputeInputs(instance: Instance, listed: readonly string[]): ExtractedInput[] {
  const calculator = findCalculator(instance.calculatorSlug, CALCULATORS);
  const values =
    calculator === undefined || instance.entities === undefined
      ? {}
      : readInputs(calculator.inputs, instance.entities, 'entities').values;
  const names = calculator === undefined ? listed : Object.keys(calculator.inputs);
  return names.map((name): ExtractedInput => {
    const spec = calculator?.inputs[name];
    const value = values[name];
    const missing = {
      input: name,
      status: 'missing' as const,
      value: null,
      unit: null,
      drug: null,
      quote: null,
      timePoint: null,
    };
    if (spec === undefined || value === undefined) return missing;
    const base = { input: name, status: 'present' as const, drug: null, timePoint: null };
    switch (spec.type) {
      case 'quantity':
        return {
          ...base,
          value: value as number,
          unit: QUANTITY_KINDS[spec.quantity].canonical,
          quote: quoteFor(instance.note, value),
        };
      case 'date':
        return { ...base, value: formatUsDate(value as CalendarDate), unit: null, quote: null };
      case 'drug-dose': {
        const dose = value as { drug: string; doseMg: number };
        return { ...base, value: dose.doseMg, unit: 'mg', drug: dose.drug, quote: null };
      }
      default:
        return {
          ...base,
          value: value as number | string | boolean,
          unit: null,
          quote: quoteFor(instance.note, value),
        };
    }
  });
}

export interface SensibleRepliesOptions {
  /** The rows the requests are about (matched by note). Unknown notes get "missing"/N/A/cannot-tell replies. */
  instances: readonly Instance[];
  /** Tokens each reply reports. */
  usage?: { inputTokens: number; outputTokens: number };
}

/**
 * A scripted-server script that answers every LLM verifier request sensibly: `llm-recompute` gets the row's
 * stored entities as the extracted inputs, `llm-answer` the row's label in `<answer>` tags, `llm-audit` "agree".
 * For tests of the wiring (audit, triage, store), not of clinical judgment.
 */
export function createSensibleReplies(
  options: SensibleRepliesOptions,
): (request: ScriptedRequest) => ScriptedReply {
  const usage = options.usage ?? { inputTokens: 100, outputTokens: 20 };
  const byNote = indexInstancesByNote(options.instances);
  return (request) => {
    const kind = readPromptKind(request);
    const note = readRequestNote(request);
    const instance = note === undefined ? undefined : byNote.get(note);
    if (kind === 'llm-recompute') {
      const listed = readListedInputs(readUserText(request));
      const inputs =
        instance === undefined
          ? listed.map((name) => ({
              input: name,
              status: 'missing',
              value: null,
              unit: null,
              drug: null,
              quote: null,
              timePoint: null,
            }))
          : buildRecomputeInputs(instance, listed);
      return { kind: 'json', value: { inputs }, usage };
    }
    if (kind === 'llm-audit') {
      return {
        kind: 'json',
        value: {
          judgment: instance === undefined ? 'cannot-tell' : 'agree',
          category: null,
          correctedInputs: [],
          proposedAnswer: null,
          rationale: instance === undefined ? 'Unknown row.' : 'The stored inputs match the note.',
        },
        usage,
      };
    }
    const answer = instance === undefined || instance.label.trim() === '' ? 'N/A' : instance.label;
    return { kind: 'text', text: `Working through the note.\n<answer>${answer}</answer>`, usage };
  };
}

export interface ScriptedCallerOptions {
  baseUrl: string;
  model?: string;
  cache?: ResponseCache;
  ledger?: UsageLedger;
  offline?: boolean;
}

/** A real `createModelCaller` against a scripted server, with in-memory cache and ledger and no waiting. */
export function createScriptedCaller(options: ScriptedCallerOptions): ModelCaller {
  const model = options.model ?? 'openai/scripted-model';
  return createModelCaller({
    model,
    languageModel: () =>
      createLanguageModel(parseModelSpec(model), { baseUrl: options.baseUrl, apiKey: 'test' }),
    cache: options.cache ?? createMemoryResponseCache(),
    ledger: options.ledger ?? createMemoryUsageLedger(),
    retry: { maxAttempts: 2, initialDelayMs: 1, timeoutMs: 10_000 },
    ...(options.offline === undefined ? {} : { offline: options.offline }),
    now: () => new Date('2026-03-01T12:00:00Z'),
    sleep: () => Promise.resolve(),
    random: () => 0.5,
  });
}
