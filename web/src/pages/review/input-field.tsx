import type { ReactNode } from 'react';
import type { FormInput } from '../../../../src/contracts/review-api';
import type { NoteSpan } from '../../components/note-view';
import type { FieldState } from './input-values';
import { fieldId, parseField } from './input-values';
import { QuoteField } from './quote-field';

function OptionList({ options, emptyLabel }: { options: readonly string[]; emptyLabel: string }) {
  return (
    <>
      <option value="">{emptyLabel}</option>
      {options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </>
  );
}

function renderControls(
  input: FormInput,
  field: FieldState,
  onChange: (patch: Partial<FieldState>) => void,
): ReactNode {
  const id = fieldId(input.name);
  const common = { id, 'data-testid': `input-${input.name}` };
  const notMentioned = '— not mentioned —';
  switch (input.type) {
    case 'quantity':
      return (
        <>
          <input
            {...common}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="value-field"
            value={field.value}
            onChange={(event) => onChange({ value: event.target.value })}
          />
          <input
            id={`${id}-unit`}
            data-testid={`input-${input.name}-unit`}
            type="text"
            autoComplete="off"
            className="unit-field"
            aria-label={`${input.label} unit (UCUM)`}
            title={
              input.unitDisplay === undefined ? 'UCUM unit' : `UCUM unit; canonical: ${input.unitDisplay}`
            }
            value={field.unit}
            onChange={(event) => onChange({ unit: event.target.value })}
          />
        </>
      );
    case 'number':
      return (
        <>
          <input
            {...common}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="value-field"
            value={field.value}
            onChange={(event) => onChange({ value: event.target.value })}
          />
          {input.unitDisplay !== undefined && <span className="unit-text">{input.unitDisplay}</span>}
        </>
      );
    case 'boolean':
      return (
        <select {...common} value={field.value} onChange={(event) => onChange({ value: event.target.value })}>
          <OptionList options={['yes', 'no']} emptyLabel={notMentioned} />
        </select>
      );
    case 'enum':
      return (
        <select {...common} value={field.value} onChange={(event) => onChange({ value: event.target.value })}>
          <OptionList options={input.options ?? []} emptyLabel={notMentioned} />
        </select>
      );
    case 'sex':
      return (
        <select {...common} value={field.value} onChange={(event) => onChange({ value: event.target.value })}>
          <OptionList options={['male', 'female']} emptyLabel={notMentioned} />
        </select>
      );
    case 'date':
      return (
        <input
          {...common}
          type="text"
          placeholder="YYYY-MM-DD"
          autoComplete="off"
          className="date-field"
          value={field.value}
          onChange={(event) => onChange({ value: event.target.value })}
        />
      );
    case 'drug-dose':
      return (
        <>
          <select
            {...common}
            value={field.value}
            onChange={(event) => onChange({ value: event.target.value })}
          >
            <OptionList options={input.options ?? []} emptyLabel={notMentioned} />
          </select>
          <input
            id={`${id}-dose`}
            data-testid={`input-${input.name}-dose`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="unit-field"
            aria-label={`${input.label} dose in mg`}
            placeholder="mg"
            value={field.doseMg}
            onChange={(event) => onChange({ doseMg: event.target.value })}
          />
          <span className="unit-text">mg</span>
        </>
      );
  }
}

/**
 * One calculator input: its control(s), the supporting span from the note (Attach / Alt+L, or typed as a quote),
 * and a compact disclosure for the time point and the assumption.
 */
export function InputField({
  input,
  field,
  note,
  onChange,
  onAttach,
  onShowSpan,
}: {
  input: FormInput;
  field: FieldState;
  note: string;
  onChange: (patch: Partial<FieldState>) => void;
  onAttach: () => void;
  onShowSpan: (span: NoteSpan | null) => void;
}) {
  const parsed = parseField(input, field);
  const name = input.name;
  const detailsSet = [
    field.span !== null,
    field.timePoint.trim() !== '',
    field.assumption.trim() !== '',
  ].filter(Boolean).length;
  return (
    <div
      className={`input-row${parsed.kind === 'invalid' ? ' invalid' : ''}`}
      data-input-name={name}
      data-testid={`input-row-${name}`}
      onFocus={() => onShowSpan(field.span)}
      onMouseEnter={() => onShowSpan(field.span)}
    >
      <label htmlFor={fieldId(name)} className="input-label">
        {input.label}
        {input.type === 'quantity' && input.unitDisplay !== undefined && (
          <span className="unit-hint"> ({input.unitDisplay})</span>
        )}
      </label>
      <div className="input-controls">
        {renderControls(input, field, onChange)}
        <button
          type="button"
          className="small attach"
          tabIndex={-1}
          onClick={onAttach}
          data-testid={`attach-${name}`}
          title="Attach the text selected in the note as this input's evidence (Alt+L)"
        >
          Attach selection
        </button>
      </div>
      {input.description !== undefined && <p className="hint">{input.description}</p>}
      {parsed.kind === 'invalid' && (
        <p className="field-problem" data-testid={`problem-${name}`}>
          {parsed.problem}
        </p>
      )}
      {field.span !== null && (
        <p className="span-chip" data-testid={`span-${name}`}>
          <span className="span-text">“{field.span.text}”</span>
          <span className="hint">
            {' '}
            chars {field.span.start}–{field.span.end}
          </span>
          <button
            type="button"
            className="link-button"
            tabIndex={-1}
            onClick={() => onChange({ span: null })}
            data-testid={`span-remove-${name}`}
          >
            remove
          </button>
        </p>
      )}
      <details className="input-details" data-testid={`details-${name}`}>
        <summary>
          Evidence, time point, assumption
          {detailsSet > 0 && <span className="hint"> · {detailsSet} set</span>}
        </summary>
        <div className="details-grid">
          <QuoteField
            id={`${fieldId(name)}-quote`}
            testId={`quote-${name}`}
            note={note}
            span={field.span}
            onSpan={(span) => onChange({ span })}
          />
          <label htmlFor={`${fieldId(name)}-time`}>Time point</label>
          <input
            id={`${fieldId(name)}-time`}
            data-testid={`time-point-${name}`}
            type="text"
            autoComplete="off"
            maxLength={500}
            placeholder="e.g. on admission"
            value={field.timePoint}
            onChange={(event) => onChange({ timePoint: event.target.value })}
          />
          <label htmlFor={`${fieldId(name)}-assumption`}>Assumption</label>
          <input
            id={`${fieldId(name)}-assumption`}
            data-testid={`assumption-${name}`}
            type="text"
            autoComplete="off"
            maxLength={2000}
            placeholder="e.g. no history mentioned, assumed absent"
            value={field.assumption}
            onChange={(event) => onChange({ assumption: event.target.value })}
          />
        </div>
      </details>
    </div>
  );
}
