import type { BlindItem } from '../../../../src/contracts/review-api';
import { formatMinutes, formatTime, formatValue } from '../../components/format';
import type { NoteSpan } from '../../components/note-view';
import { Link } from '../../router';

type OwnLabel = NonNullable<BlindItem['ownLabel']>;

/** A submitted label, read-only: what the physician answered and the inputs and evidence they recorded. */
export function OwnLabelView({
  label,
  item,
  onShowSpan,
}: {
  label: OwnLabel;
  item: BlindItem;
  onShowSpan: (span: NoteSpan | null) => void;
}) {
  const formOf = (name: string) => item.calculator?.inputs.find((input) => input.name === name);
  return (
    <section className="own-label" data-testid="own-label">
      <h2>Your label (submitted {formatTime(label.submittedAt)})</h2>
      <dl className="facts">
        <div>
          <dt>Outcome</dt>
          <dd data-testid="own-label-outcome">{label.outcome === 'answer' ? 'Answer' : 'Not computable'}</dd>
        </div>
        <div>
          <dt>Answer</dt>
          <dd data-testid="own-label-answer">{label.answer ?? '—'}</dd>
        </div>
        <div>
          <dt>Entered as</dt>
          <dd>{{ form: 'Form', direct: 'Direct answer', 'not-computable': 'Not computable' }[label.mode]}</dd>
        </div>
        {label.notComputableReason !== null && (
          <div>
            <dt>Reason</dt>
            <dd>{label.notComputableReason}</dd>
          </div>
        )}
        <div>
          <dt>Minutes</dt>
          <dd>{formatMinutes(label.minutes)}</dd>
        </div>
      </dl>
      {label.inputs.length > 0 && (
        <table data-testid="own-label-inputs">
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col">Value</th>
              <th scope="col">Evidence</th>
              <th scope="col">Time point</th>
              <th scope="col">Assumption</th>
            </tr>
          </thead>
          <tbody>
            {label.inputs.map((input) => (
              <tr key={input.name}>
                <td>{formOf(input.name)?.label ?? input.name}</td>
                <td>{formatValue(input.value, formOf(input.name))}</td>
                <td>
                  {input.span === undefined ? (
                    '—'
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      onFocus={() => onShowSpan(input.span ?? null)}
                      onMouseEnter={() => onShowSpan(input.span ?? null)}
                      onClick={() => onShowSpan(input.span ?? null)}
                    >
                      “{input.span.text}”
                    </button>
                  )}
                </td>
                <td>{input.timePoint ?? '—'}</td>
                <td>{input.assumption ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {label.comment !== null && (
        <>
          <h3>Comment</h3>
          <p className="prose">{label.comment}</p>
        </>
      )}
      <p>
        <Link to="/queue" data-testid="back-to-queue">
          Back to the queue
        </Link>
      </p>
    </section>
  );
}
