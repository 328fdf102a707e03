import type { AdjudicationItem, FormInput } from '../../../../src/contracts/review-api';
import type { ReviewerLabel, VerdictView } from '../../api';
import { formatMinutes, formatValue } from '../../components/format';
import type { NoteSpan } from '../../components/note-view';

type ShowSpan = (span: NoteSpan | null) => void;

/** A quote that lights up its span in the note on hover and focus. */
function SpanButton({ span, onShowSpan }: { span: NoteSpan; onShowSpan: ShowSpan }) {
  return (
    <button
      type="button"
      className="link-button quote"
      onMouseEnter={() => onShowSpan(span)}
      onFocus={() => onShowSpan(span)}
      onClick={() => onShowSpan(span)}
      title={`chars ${span.start}–${span.end}: show in the note`}
    >
      “{span.text}”
    </button>
  );
}

/** `Reviewer A` → `A`, for test ids and compact headings. */
export function reviewerKey(reviewer: string, index: number): string {
  const key = reviewer.replace(/^reviewer\s+/i, '').replace(/[^A-Za-z0-9-]/g, '');
  return key === '' ? String.fromCharCode(65 + index) : key;
}

export function OriginalLabelCard({ item }: { item: AdjudicationItem }) {
  return (
    <article className="card" data-testid="original-label">
      <h3>Original label</h3>
      <p className="answer">{item.originalLabel}</p>
      {item.originalExplanation !== null && (
        <details>
          <summary>Explanation</summary>
          <p className="prose">{item.originalExplanation}</p>
        </details>
      )}
      {(item.triage.status !== null || item.triage.proposedLabel !== null) && (
        <p className="hint" data-testid="triage">
          Triage: {item.triage.status ?? '—'}
          {item.triage.proposedLabel !== null && <>; proposed {item.triage.proposedLabel}</>}
        </p>
      )}
    </article>
  );
}

export function ReviewerCard({
  label,
  index,
  formOf,
  onShowSpan,
}: {
  label: ReviewerLabel;
  index: number;
  formOf: (name: string) => FormInput | undefined;
  onShowSpan: ShowSpan;
}) {
  return (
    <article className="card" data-testid={`reviewer-${reviewerKey(label.reviewer, index)}`}>
      <h3>{label.reviewer}</h3>
      <p className="answer">
        {label.outcome === 'not-computable' ? 'Not computable' : (label.answer ?? '—')}
      </p>
      <p className="hint">
        {
          { form: 'via the form', direct: 'typed directly', 'not-computable': 'marked not computable' }[
            label.mode
          ]
        }
        {label.notComputableReason !== null && `: ${label.notComputableReason}`} ·{' '}
        {formatMinutes(label.minutes)}
        {label.secondOpinion && <strong> · asked for a second opinion</strong>}
      </p>
      {label.inputs.length > 0 && (
        <table className="compact">
          <tbody>
            {label.inputs.map((input) => (
              <tr key={input.name}>
                <th scope="row">{formOf(input.name)?.label ?? input.name}</th>
                <td>
                  {formatValue(input.value, formOf(input.name))}
                  {input.span !== undefined && (
                    <div>
                      <SpanButton span={input.span} onShowSpan={onShowSpan} />
                    </div>
                  )}
                  {input.timePoint !== undefined && <div className="hint">at: {input.timePoint}</div>}
                  {input.assumption !== undefined && <div className="hint">assumed: {input.assumption}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {label.comment !== null && <p className="prose comment">{label.comment}</p>}
    </article>
  );
}

export function VerdictCard({
  verdict,
  index,
  onShowSpan,
}: {
  verdict: VerdictView;
  index: number;
  onShowSpan: ShowSpan;
}) {
  return (
    <article className="card" data-testid={`verdict-${index}`}>
      <h3>
        {verdict.verifier} <span className="hint">v{verdict.version}</span>
      </h3>
      <p>
        <strong>{verdict.assessment}</strong>
        {verdict.proposedLabel !== null && <> · proposes {verdict.proposedLabel}</>} · confidence{' '}
        {Math.round(verdict.confidence * 100)}%
      </p>
      {verdict.categories.length > 0 && <p className="hint">{verdict.categories.join(', ')}</p>}
      {verdict.findings.length > 0 && (
        <ul className="findings">
          {verdict.findings.map((finding, findingIndex) => (
            <li key={findingIndex}>
              <span className={`badge severity-${finding.severity}`}>{finding.severity}</span>{' '}
              {finding.category}: {finding.message}
              {finding.evidence.map((evidence, evidenceIndex) => (
                <div key={evidenceIndex}>
                  <SpanButton span={evidence} onShowSpan={onShowSpan} />
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
