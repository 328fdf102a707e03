import { findOutputType } from '../audit/display.js';
import type { AuditItem } from '../audit/types.js';
import type { BenchmarkOutputType } from '../catalog/medcalc-bench.js';
import { describeClusters, describeRunAnswer, llmDetailsOf } from '../triage/llm-details.js';
import type { LlmVerdictDetails } from '../verify/llm/types.js';
import type { Verdict } from '../verify/types.js';
import { renderLabel } from './display-numbers.js';
import { escapeHtml } from './escape-html.js';
import type { NoteHighlight } from './note-excerpt.js';

/** The item's LLM verdicts with their checked details (malformed ones are left out: `audit show` has them raw). */
function llmVerdictsOf(item: AuditItem): { verdict: Verdict; details: LlmVerdictDetails }[] {
  return item.verdicts.flatMap((verdict) => {
    const details = llmDetailsOf(verdict);
    return details === undefined ? [] : [{ verdict, details }];
  });
}

/** The quotes of the LLM verdicts' input votes, to mark in the note next to the findings' evidence. */
export function collectLlmQuotes(item: AuditItem): NoteHighlight[] {
  return llmVerdictsOf(item).flatMap(({ details }) =>
    (details.inputVotes ?? []).flatMap((input) =>
      input.evidence.map((span) => ({ start: span.start, end: span.end, findings: [] })),
    ),
  );
}

/** The vote, its agreed answer at the precision of `outputType` (the exact value as a tooltip). */
function renderVote(details: LlmVerdictDetails, outputType: BenchmarkOutputType | undefined): string {
  const { vote } = details;
  const outcome =
    vote.outcome === 'agreed'
      ? `agreed on ${vote.answer === null ? '<code>N/A</code>' : renderLabel(vote.answer, outputType)}`
      : vote.outcome === 'agreed-not-computable'
        ? 'agreed on <code>N/A</code>'
        : escapeHtml(vote.outcome);
  return (
    `<p class="llm-vote">Vote: ${outcome}, ${vote.support} of ${vote.votes} votes (${vote.runs} runs, at most ${vote.maxRuns}; ` +
    `clusters ${escapeHtml(describeClusters(details) || 'none')}); rule <code>${escapeHtml(vote.rule)}</code>, ` +
    `${vote.callsSaved} call${vote.callsSaved === 1 ? '' : 's'} saved; ${escapeHtml(vote.stoppedBecause)}.</p>`
  );
}

function renderRuns(details: LlmVerdictDetails): string {
  const rows = details.runs
    .map(
      (run) =>
        `<tr><td class="number">${run.runIndex}</td><td><code>${escapeHtml(run.model)}</code></td>` +
        `<td>${run.cached ? 'cached' : 'called'}</td><td>${escapeHtml(describeRunAnswer(run))}` +
        `${run.judgment === undefined ? '' : ` <span class="muted">(${escapeHtml(run.judgment)})</span>`}</td></tr>`,
    )
    .join('');
  return (
    '<table class="llm-runs"><thead><tr><th scope="col" class="number">Run</th><th scope="col">Model</th>' +
    `<th scope="col">Response</th><th scope="col">Answer</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function renderInputs(details: LlmVerdictDetails, note: string): string {
  const inputs = details.inputVotes ?? [];
  if (inputs.length === 0) return '';
  const entries = inputs.map((input) => {
    const value = input.outcome === 'agreed' ? ` <code>${escapeHtml(input.value ?? '?')}</code>` : '';
    const time = input.timePoint === undefined ? '' : ` at ${escapeHtml(input.timePoint)}`;
    const quotes = input.evidence
      .map((span) => {
        const matches = note.slice(span.start, span.end) === span.text;
        return ` “${escapeHtml(span.text)}”${matches ? '' : ' <strong>(not at these offsets in the note)</strong>'}`;
      })
      .join(';');
    return `<li><code>${escapeHtml(input.input)}</code>: ${escapeHtml(input.outcome)}${value}${time} (${input.support} of ${input.votes})${quotes}</li>`;
  });
  return `<ul class="llm-inputs">${entries.join('')}</ul>`;
}

/** The LLM verdicts of an item: prompt, models, the runs in a compact table, the vote and the input votes. */
export function renderLlmVerdicts(item: AuditItem): string {
  const verdicts = llmVerdictsOf(item);
  if (verdicts.length === 0) return '';
  const outputType = findOutputType(item.calculatorId);
  const blocks = verdicts.map(({ verdict, details }) => {
    const fabricated =
      details.fabricatedQuotes === 0
        ? ''
        : `<p><strong>${details.fabricatedQuotes} quote${details.fabricatedQuotes === 1 ? '' : 's'} not found in the note.</strong></p>`;
    return (
      `<div class="llm-verdict" data-verifier="${escapeHtml(verdict.verifier)}"><p><code>${escapeHtml(verdict.verifier)}</code> ` +
      `${escapeHtml(verdict.verifierVersion)}, ${details.blind ? 'blind' : 'saw the label'}, prompt <code>${escapeHtml(details.prompt.id)}@${escapeHtml(details.prompt.version)}</code>, ` +
      `models ${details.models.map((model) => `<code>${escapeHtml(model)}</code>`).join(', ')}: ${escapeHtml(verdict.assessment)}</p>` +
      renderVote(details, outputType) +
      renderRuns(details) +
      renderInputs(details, item.note) +
      fabricated +
      '</div>'
    );
  });
  return `<div class="llm-verdicts"><h3 class="cell-title">LLM verdicts</h3>${blocks.join('')}</div>`;
}
