import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormVariableData } from './form-rules';

export interface VariableFieldProps {
  readonly variable: FormVariableData;
  readonly value: unknown;
  readonly required: boolean;
  /** The server's message for this variable, shown next to it. */
  readonly error: string | undefined;
  readonly onChange: (value: unknown) => void;
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** One variable of an item's form, as its type asks: text, number, date, choice(s), a yes/no box, or a reference's id. */
export function VariableField({ variable, value, required, error, onChange }: VariableFieldProps) {
  const { t } = useTranslation();
  const id = `var-${variable.name}`;
  const hints = [variable.help, constraintHint(variable, t)].filter((hint): hint is string => hint !== null && hint !== '');
  const describedBy = [hints.length > 0 ? `${id}-hint` : '', error === undefined ? '' : `${id}-error`].filter((part) => part !== '').join(' ') || undefined;
  const aria = { 'aria-invalid': error !== undefined, 'aria-describedby': describedBy, 'aria-required': required };
  const label = (
    <>
      {variable.label}
      {required && <span className="required"> ({t('selfService.order.required')})</span>}
    </>
  );
  const after = (
    <>
      {hints.length > 0 && (
        <p id={`${id}-hint`} className="hint">
          {hints.join(' ')}
        </p>
      )}
      {error !== undefined && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
  const onText = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => onChange(event.target.value);

  switch (variable.type) {
    case 'boolean':
      if (variable.defaultValue === null) {
        // No default: "not answered" differs from "no", which a checkbox cannot tell apart.
        return (
          <fieldset role="radiogroup" aria-describedby={describedBy} aria-invalid={error !== undefined} aria-required={required}>
            <legend>{label}</legend>
            {([true, false] as const).map((answer) => (
              <label key={String(answer)} className="choice">
                <input id={answer ? id : `${id}-no`} type="radio" name={variable.name} checked={value === answer} onChange={() => onChange(answer)} /> {t(answer ? 'selfService.yes' : 'selfService.no')}
              </label>
            ))}
            {after}
          </fieldset>
        );
      }
      return (
        <div className="field">
          <div className="inline-choice">
            <input id={id} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} {...aria} />
            <label htmlFor={id}>{label}</label>
          </div>
          {after}
        </div>
      );
    case 'multiple_choice': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      const toggle = (option: string, on: boolean) => onChange(on ? [...chosen, option] : chosen.filter((v) => v !== option));
      return (
        <fieldset aria-describedby={describedBy} aria-invalid={error !== undefined}>
          <legend>{label}</legend>
          {variable.options.map((option, index) => (
            <label key={option.value} className="choice">
              <input id={index === 0 ? id : undefined} type="checkbox" name={variable.name} value={option.value} checked={chosen.includes(option.value)} onChange={(event) => toggle(option.value, event.target.checked)} /> {option.label}
            </label>
          ))}
          {after}
        </fieldset>
      );
    }
    case 'single_choice':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <select id={id} value={text(value)} onChange={onText} {...aria}>
            <option value="">{t('selfService.order.choose')}</option>
            {variable.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          {after}
        </div>
      );
    case 'multiline_text':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <textarea id={id} rows={4} value={text(value)} onChange={onText} {...aria} />
          {after}
        </div>
      );
    case 'number':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input id={id} type="number" step={variable.integer ? 1 : 'any'} min={variable.min ?? undefined} max={variable.max ?? undefined} value={text(value)} onChange={onText} {...aria} />
          {after}
        </div>
      );
    case 'date':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input id={id} type="date" min={variable.minDate ?? undefined} max={variable.maxDate ?? undefined} value={text(value)} onChange={onText} {...aria} />
          {after}
        </div>
      );
    case 'text':
    case 'person':
    case 'group':
    case 'configuration_item':
    case 'service':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input id={id} type="text" value={text(value)} onChange={onText} {...aria} />
          {after}
        </div>
      );
  }
}

/** What the server will check, in words (the server's message still decides). */
function constraintHint(variable: FormVariableData, t: (key: string, options?: Record<string, unknown>) => string): string | null {
  const parts: string[] = [];
  if (variable.reference !== null) parts.push(t(`selfService.order.hints.reference.${variable.reference}`));
  if (variable.type === 'text' || variable.type === 'multiline_text') {
    if (variable.minLength !== null) parts.push(t('selfService.order.hints.minLength', { count: variable.minLength }));
    // The pattern itself is a regular expression, no help to a requester: the item's help text says the format.
    if (variable.pattern !== null) parts.push(t('selfService.order.hints.pattern'));
  }
  if (variable.type === 'number') {
    if (variable.min !== null) parts.push(t('selfService.order.hints.min', { min: variable.min }));
    if (variable.max !== null) parts.push(t('selfService.order.hints.max', { max: variable.max }));
    if (variable.integer) parts.push(t('selfService.order.hints.integer'));
  }
  if (variable.type === 'date' && variable.minDate !== null) parts.push(t('selfService.order.hints.minDate', { date: variable.minDate }));
  if (variable.type === 'date' && variable.maxDate !== null) parts.push(t('selfService.order.hints.maxDate', { date: variable.maxDate }));
  if (variable.type === 'multiple_choice') {
    if (variable.minSelections !== null) parts.push(t('selfService.order.hints.minSelections', { count: variable.minSelections }));
    if (variable.maxSelections !== null) parts.push(t('selfService.order.hints.maxSelections', { count: variable.maxSelections }));
  }
  return parts.length === 0 ? null : parts.join(' ');
}
