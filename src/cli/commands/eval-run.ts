import { resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import { loadConfig, loadConfigFile } from '../../config.js';
import { EVAL_PROMPTS } from '../../eval/prompts/index.js';
import { EVAL_PURPOSE, runEval, type EvalResponseRecord } from '../../eval/run-eval.js';
import { saveDataset } from '../../store/datasets.js';
import { completeEvalRun, startOrResumeEvalRun } from '../../store/eval-runs.js';
import type { evalRunSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import type { CommandResult } from '../io.js';
import { selectModels } from '../llm-plan.js';
import { createLlmRuntime, openLlmStorage } from '../llm-runtime.js';
import { openCliStore } from '../open-store.js';
import { checkWritable, writeFileAtomically } from '../output-file.js';
import { createProgress } from '../progress.js';
import { loadLabelVersion, resolveLabelSource } from './eval-labels.js';

export const EVAL_RUN_SCHEMA_VERSION = 1;

/** `openai/gpt-4o-mini` + `answer-tags` → `responses-openai-gpt-4o-mini-answer-tags.jsonl`. */
export function defaultResponsesFile(model: string, promptId: string): string {
  return `responses-${model.replace(/[^A-Za-z0-9._-]+/g, '-')}-${promptId}.jsonl`;
}

/** One JSONL line per answered call, in item order (samples ascending); abstentions are left out. */
export function formatResponsesJsonl(model: string, records: readonly EvalResponseRecord[]): string {
  return records
    .filter((record) => record.outcome === 'ok' && record.response !== null)
    .map((record) =>
      JSON.stringify({ id: record.itemId, model, sample: record.sample, response: record.response }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

export async function evalRunCommand(options: CommandInput<typeof evalRunSpec>): Promise<CommandResult> {
  const { io } = options;
  const prompt = EVAL_PROMPTS[options.prompt];
  const samples = options.samples ?? 1;
  if (samples < 1) {
    throw new AppError('ARGUMENT_INVALID', `--samples must be at least 1, got ${samples}`, {
      fix: 'Give the number of samples per item, e.g. --samples 3.',
    });
  }
  const [selection] = selectModels([options.model], {
    config: loadConfig(io.env),
    configFile: loadConfigFile({ cwd: io.cwd, path: options.config, env: io.env }),
    concurrency: options.concurrency,
  });
  if (selection === undefined) throw new AppError('INTERNAL', 'no model selected');
  const model = selection.spec.text;
  const outPath = resolve(io.cwd, options.out ?? defaultResponsesFile(model, prompt.id));
  checkWritable(outPath, 'responses');
  const runtime = createLlmRuntime({
    selections: [selection],
    offline: options.offline === true,
    signal: io.signal,
  });
  const caller = runtime.models.get(model);
  if (caller === undefined) throw new AppError('INTERNAL', `no caller for ${model}`);
  const { label, dataset } = await loadLabelVersion(resolveLabelSource(options.dataset, io.cwd), io);
  const store = await openCliStore(io, options.db);
  runtime.useStorage(openLlmStorage(store.db));
  const progress = createProgress(io, 'eval');
  try {
    const { datasetId } = await saveDataset(store.db, dataset);
    const run = await startOrResumeEvalRun(store.db, {
      datasetId,
      model,
      promptId: prompt.id,
      promptVersion: prompt.version,
      samples,
    });
    runtime.attachRun({ datasetId, runId: run.id });
    const records = await runEval({
      items: dataset.instances,
      caller,
      prompt,
      samples,
      concurrency: selection.concurrency,
      signal: runtime.signal,
      onProgress: (done, total) => progress.update(done, total, 'calls'),
    }).catch((error: unknown) => {
      throw runtime.stoppedBy() ?? error;
    });
    progress.stop();
    await completeEvalRun(store.db, { runId: run.id, datasetId, records });
    writeFileAtomically(outPath, formatResponsesJsonl(model, records));
    const totals = runtime.summarize();
    const calls = totals.reduce((sum, total) => sum + total.calls, 0);
    const cachedCalls = totals.reduce((sum, total) => sum + total.cachedCalls, 0);
    const abstentions = records.filter((record) => record.outcome === 'abstain');
    const scoreWith = `steward score --dataset ${options.dataset} --responses ${options.out ?? outPath} --style ${prompt.answerStyle}`;
    const text = [
      `${model} on ${label.argument}: ${dataset.instances.length} items × ${samples} sample${samples === 1 ? '' : 's'}, prompt ${prompt.id}@${prompt.version} (run ${run.id.slice(0, 8)}, ${run.state})`,
      `LLM calls: ${calls - cachedCalls} made, ${cachedCalls} replayed from the cache; ${abstentions.length} abstained (left out of the responses file, so scored incorrect)`,
      `responses: ${outPath}`,
      `score with: ${scoreWith}`,
      `usage: steward llm usage${options.db === undefined ? '' : ` --db ${options.db}`} (verifier "${EVAL_PURPOSE}")`,
    ].join('\n');
    return {
      text,
      json: {
        schemaVersion: EVAL_RUN_SCHEMA_VERSION,
        runId: run.id,
        state: run.state,
        datasetId,
        dataset: label.argument,
        model,
        prompt: { id: prompt.id, version: prompt.version, answerStyle: prompt.answerStyle },
        samples,
        items: dataset.instances.length,
        responses: records.length - abstentions.length,
        abstentions: abstentions.map((record) => ({
          id: record.itemId,
          sample: record.sample,
          error: record.error,
        })),
        calls: { made: calls - cachedCalls, cached: cachedCalls },
        usage: totals,
        out: outPath,
        scoreWith,
      },
    };
  } finally {
    progress.stop();
    await store.close();
  }
}
