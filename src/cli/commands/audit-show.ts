import { AppError } from '../../app-error.js';
import { buildAuditItemView } from '../../audit/item-view.js';
import { findLatestAudit } from '../../audit/latest.js';
import { loadItemHistory } from '../../store/audit-repository.js';
import { formatReason } from '../../triage/reasons.js';
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

function describeVerdict(verdict: Verdict, ruleSet: string, note: string): string[] {
  const lines = [
    `  ${verdict.verifier}@${verdict.verifierVersion} (${ruleSet} rules): ${verdict.assessment}${verdict.proposedLabel === null ? '' : ` · proposes ${verdict.proposedLabel}`} · confidence ${verdict.confidence}${verdict.categories.length > 0 ? ` · ${verdict.categories.join(', ')}` : ''}`,
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
    const { instance } = history;
    const spans = history.verdicts.flatMap(({ verdict }) =>
      verdict.findings.flatMap((finding) => finding.evidence),
    );
    const decisionLines = history.decisions.flatMap(({ decision, run, policyHash, decidedAt }, index) => [
      `  ${index === 0 ? 'latest audit' : 'earlier audit'} ${run.id.slice(0, 8)} (${run.verifiers.map((verifier) => `${verifier.name}@${verifier.version}`).join(', ')}; ${run.ruleSet.id} rules; policy ${run.policyName} ${policyHash.slice(0, 12)}):`,
      `    ${decision.status}${decision.proposedLabel === null ? '' : ` · proposed label ${decision.proposedLabel}`} · impact ${decision.impact.toFixed(3)} · decided ${decidedAt.toISOString()}`,
      ...decision.reasons.map((reason) => `    - ${formatReason(reason)}`),
    ]);
    const text = [
      `item ${instance.itemId} (row ${instance.row}) · ${instance.calculatorName}${instance.calculatorId === null ? '' : ` (id ${instance.calculatorId})`} · ${context.source}`,
      `question: ${instance.question}`,
      `original label: ${instance.label}${instance.lowerLimit === null ? '' : ` (limits ${instance.lowerLimit} – ${instance.upperLimit ?? '?'})`}`,
      '',
      'triage:',
      ...(decisionLines.length > 0 ? decisionLines : ['  (not triaged yet)']),
      '',
      'verdicts:',
      ...history.verdicts.flatMap(({ ruleSet, verdict }) =>
        describeVerdict(verdict, ruleSet.id, instance.note),
      ),
      '',
      `entities: ${instance.entitiesText ?? '(none stored)'}`,
      '',
      `original explanation: ${instance.explanation ?? '(none)'}`,
      '',
      `note (evidence ${options.io.isTty ? 'highlighted' : 'in ⟦ ⟧'}):`,
      markSpans(instance.note, spans, options.io.isTty),
      '',
      'history:',
      ...history.events.map(
        (event) =>
          `  ${event.at.toISOString()} ${event.kind} by ${event.actor}${typeof event.payload['status'] === 'string' ? `: ${event.payload['status']}` : ''}${typeof event.payload['assessment'] === 'string' ? `: ${event.payload['assessment']}` : ''}`,
      ),
    ].join('\n');
    return {
      text,
      json: buildAuditItemView(history, { id: context.datasetId, source: context.source }),
    };
  } finally {
    await store.close();
  }
}
