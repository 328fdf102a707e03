import { AppError } from '../../app-error.js';
import { findOutputType, formatLabelForDisplay } from '../../audit/display.js';
import { buildAuditItemView } from '../../audit/item-view.js';
import { findLatestAudit } from '../../audit/latest.js';
import type { BenchmarkOutputType } from '../../catalog/medcalc-bench.js';
import { loadItemHistory } from '../../store/audit-repository.js';
import type { ItemHistory } from '../../store/audit-repository.js';
import { describeClusters, describeRunAnswer, llmDetailsOf } from '../../triage/llm-details.js';
import { formatReason } from '../../triage/reasons.js';
import type { LlmVerdictDetails } from '../../verify/llm/types.js';
import type { EvidenceSpan, Verdict } from '../../verify/types.js';
import type { CliIo, CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';

/** Marks evidence spans in the note: inverse video on a terminal, ⟦ ⟧ brackets otherwise. */
export function markSpans(note: string, spans: readonly EvidenceSpan[], terminal: boolean): string {
  const [open, close] = terminal ? ['\u001b[7m', '\u001b[27m'] : ['⟦', '⟧'];
  const sorted = spans
    .filter((span) => span.start >= 0 && span.end <= note.length && span.start < span.end)
    .map((span) => ({ start: span.start, end: span.end }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push(span);
  }
  let out = '';
  let position = 0;
  for (const span of merged) {
    out += note.slice(position, span.start) + open + note.slice(span.start, span.end) + close;
    position = span.end;
  }
  return out + note.slice(position);
}

function describeDivergence(details: Record<string, unknown>): string[] {
  const divergence = details['divergence'] as
    | { ourStepIndex: number; ourStep: string; originalSentence: string | null; reason: string; kind: string }
    | null
    | undefined;
  if (divergence === undefined || divergence === null) return [];
  return [
    `    first divergence (${divergence.kind}) at our step ${divergence.ourStepIndex + 1}: ${divergence.ourStep}`,
    `      original: ${divergence.originalSentence ?? '(the original explanation never mentions it)'}`,
    `      ${divergence.reason}`,
  ];
}

function describeDerivation(details: Record<string, unknown>): string[] {
  const ours = details['ours'] as { steps?: { text: string }[]; assumptions?: string[] } | undefined;
  if (ours === undefined) return [];
  return [
    ...(ours.steps ?? []).map((step, index) => `      ${index + 1}. ${step.text}`),
    ...(ours.assumptions ?? []).map((assumption) => `      assumed: ${assumption}`),
  ];
}

function quote(note: string, span: EvidenceSpan): string {
  return `chars ${span.start}–${span.end} "${note.slice(span.start, span.end)}"`;
}

/**
 * An LLM verdict's prompt, models, runs, vote and (llm-recompute) per-input votes with their quotes, as indented
 * lines under the verdict. The agreed answer is shown at the precision of `outputType`; the runs and clusters as
 * the models wrote them.
 */
export function describeLlmDetails(
  details: LlmVerdictDetails,
  note: string,
  outputType?: BenchmarkOutputType,
): string[] {
  const { vote } = details;
  const agreed =
    vote.outcome === 'agreed'
      ? `agreed on ${vote.answer === null ? 'N/A' : formatLabelForDisplay(vote.answer, outputType)}`
      : vote.outcome === 'agreed-not-computable'
        ? 'agreed on N/A (not computable)'
        : vote.outcome;
  const lines = [
    `    LLM ${details.blind ? 'blind' : 'saw the label'} · prompt ${details.prompt.id}@${details.prompt.version} · models ${details.models.join(', ')}`,
    `    vote: ${agreed} · ${vote.support} of ${vote.votes} votes (${vote.runs} runs, at most ${vote.maxRuns}) · ${vote.rule} · ${vote.callsSaved} call(s) saved · ${vote.stoppedBecause}`,
    `      clusters: ${describeClusters(details) || '(none)'}`,
    '    runs:',
    ...details.runs.map(
      (run) =>
        `      #${run.runIndex} ${run.model}${run.cached ? ' (cached)' : ''}: ${describeRunAnswer(run)}${run.judgment === undefined ? '' : ` · judgment ${run.judgment}`}`,
    ),
  ];
  if (details.inputVotes !== undefined && details.inputVotes.length > 0) {
    lines.push('    inputs:');
    for (const input of details.inputVotes) {
      const value = input.outcome === 'agreed' ? ` ${input.value ?? '?'}` : '';
      const time = input.timePoint === undefined ? '' : ` at ${input.timePoint}`;
      lines.push(
        `      ${input.input}: ${input.outcome}${value}${time} (${input.support} of ${input.votes})`,
      );
      for (const span of input.evidence) lines.push(`        quote ${quote(note, span)}`);
    }
  }
  if (details.fabricatedQuotes > 0) {
    lines.push(`    fabricated quotes: ${details.fabricatedQuotes} (quoted text not found in the note)`);
  }
  return lines;
}

/** Every evidence span of a verdict: its findings', and the quotes of an LLM verdict's input votes. */
export function evidenceOf(verdict: Verdict): EvidenceSpan[] {
  const quotes = llmDetailsOf(verdict)?.inputVotes?.flatMap((input) => input.evidence) ?? [];
  return [...verdict.findings.flatMap((finding) => finding.evidence), ...quotes];
}

/** What a verdict is described against: its rule set, the item's note and its calculator's output type. */
interface VerdictContext {
  ruleSet: string;
  note: string;
  outputType: BenchmarkOutputType | undefined;
}

function describeVerdict(verdict: Verdict, context: VerdictContext): string[] {
  const { ruleSet, note, outputType } = context;
  const proposes =
    verdict.proposedLabel === null
      ? ''
      : ` · proposes ${formatLabelForDisplay(verdict.proposedLabel, outputType)}`;
  const lines = [
    `  ${verdict.verifier}@${verdict.verifierVersion} (${ruleSet} rules): ${verdict.assessment}${proposes} · confidence ${verdict.confidence}${verdict.categories.length > 0 ? ` · ${verdict.categories.join(', ')}` : ''}`,
  ];
  for (const finding of verdict.findings) {
    lines.push(
      `    [${finding.severity} ${finding.category}]${finding.entity === undefined ? '' : ` ${finding.entity}:`} ${finding.message}`,
    );
    for (const span of finding.evidence) {
      const text = note.slice(span.start, span.end);
      lines.push(`      evidence chars ${span.start}–${span.end}: "${text}"`);
    }
  }
  const llm = llmDetailsOf(verdict);
  if (llm !== undefined) lines.push(...describeLlmDetails(llm, note, outputType));
  lines.push(...describeDivergence(verdict.details));
  const derivation = describeDerivation(verdict.details);
  if (derivation.length > 0) lines.push('    derivation:', ...derivation);
  return lines;
}

export async function auditShowCommand(options: {
  id: string;
  db?: string;
  dataset?: string;
  io: CliIo;
}): Promise<CommandResult> {
  const store = await openCliStore(options.io, options.db, true);
  try {
    const context = await findLatestAudit(store, {
      dataset: options.dataset,
      cwd: options.io.cwd,
      requireCompleted: false,
    });
    const history = await loadItemHistory(store.db, context.datasetId, options.id);
    if (history === undefined) {
      throw new AppError('ITEM_NOT_FOUND', `no item "${options.id}" in dataset ${context.source}`, {
        fix: 'Use the id the dataset file gives the row (Row Number or Unique ID); `steward audit <dataset> --json` lists them.',
        details: { datasetId: context.datasetId },
      });
    }
    return {
      text: renderAuditShowText(history, { source: context.source, terminal: options.io.isTty }),
      json: buildAuditItemView(history, { id: context.datasetId, source: context.source }),
    };
  } finally {
    await store.close();
  }
}

/**
 * What `steward audit show <id>` prints: the item, its triage, its verdicts (LLM runs and votes too) and the note.
 * Labels are shown at the precision of the calculator's output type (`formatLabelForDisplay`); `--json` keeps them
 * exact.
 */
export function renderAuditShowText(
  history: ItemHistory,
  options: { source: string; terminal: boolean },
): string {
  const { instance } = history;
  const outputType = findOutputType(instance.calculatorId ?? undefined);
  const showLabel = (label: string) => formatLabelForDisplay(label, outputType);
  const spans = history.verdicts.flatMap(({ verdict }) => evidenceOf(verdict));
  const decisionLines = history.decisions.flatMap(({ decision, run, policyHash, decidedAt }, index) => [
    `  ${index === 0 ? 'latest audit' : 'earlier audit'} ${run.id.slice(0, 8)} (${run.verifiers.map((verifier) => `${verifier.name}@${verifier.version}`).join(', ')}; ${run.ruleSet.id} rules; policy ${run.policyName} ${policyHash.slice(0, 12)}):`,
    `    ${decision.status}${decision.proposedLabel === null ? '' : ` · proposed label ${showLabel(decision.proposedLabel)}`} · impact ${decision.impact.toFixed(3)} · decided ${decidedAt.toISOString()}`,
    ...decision.reasons.map((reason) => `    - ${formatReason(reason)}`),
  ]);
  return [
    `item ${instance.itemId} (row ${instance.row}) · ${instance.calculatorName}${instance.calculatorId === null ? '' : ` (id ${instance.calculatorId})`} · ${options.source}`,
    `question: ${instance.question}`,
    `original label: ${showLabel(instance.label)}${instance.lowerLimit === null ? '' : ` (limits ${instance.lowerLimit} – ${instance.upperLimit ?? '?'})`}`,
    '',
    'triage:',
    ...(decisionLines.length > 0 ? decisionLines : ['  (not triaged yet)']),
    '',
    'verdicts:',
    ...history.verdicts.flatMap(({ ruleSet, verdict }) =>
      describeVerdict(verdict, { ruleSet: ruleSet.id, note: instance.note, outputType }),
    ),
    '',
    `entities: ${instance.entitiesText ?? '(none stored)'}`,
    '',
    `original explanation: ${instance.explanation ?? '(none)'}`,
    '',
    `note (evidence ${options.terminal ? 'highlighted' : 'in ⟦ ⟧'}):`,
    markSpans(instance.note, spans, options.terminal),
    '',
    'history:',
    ...history.events.map(
      (event) =>
        `  ${event.at.toISOString()} ${event.kind} by ${event.actor}${typeof event.payload['status'] === 'string' ? `: ${event.payload['status']}` : ''}${typeof event.payload['assessment'] === 'string' ? `: ${event.payload['assessment']}` : ''}`,
    ),
  ].join('\n');
}
