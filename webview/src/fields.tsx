/** Form controls (vscode-elements), each with a visible label, a hint, and its error beside it. */
import type { ReactNode } from 'react';
import VscodeTextfield from '@vscode-elements/react-elements/dist/components/VscodeTextfield.js';
import VscodeSingleSelect from '@vscode-elements/react-elements/dist/components/VscodeSingleSelect.js';
import VscodeOption from '@vscode-elements/react-elements/dist/components/VscodeOption.js';
import VscodeCheckbox from '@vscode-elements/react-elements/dist/components/VscodeCheckbox.js';
import type { FieldKey } from './form.ts';

export function fieldId(key: FieldKey): string {
  return `f-${key}`;
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return (
    <div className="field-error" id={`${id}-error`} aria-live="polite">
      {error ? `⚠ ${error}` : null}
    </div>
  );
}

interface Common {
  readonly field: FieldKey;
  readonly label: string;
  readonly hint?: ReactNode;
  readonly error: string | undefined;
}

export function TextField(props: Common & { value: string; unit?: string; placeholder?: string; numeric?: boolean; onChange: (v: string) => void; onBlur?: () => void }) {
  const id = fieldId(props.field);
  return (
    <div className={`field${props.error ? ' has-error' : ''}`} data-field={props.field}>
      <label className="field-label" htmlFor={id}>
        {props.label}
        {props.unit ? <span className="unit"> ({props.unit})</span> : null}
      </label>
      <VscodeTextfield
        id={id}
        value={props.value}
        invalid={props.error !== undefined}
        label={props.error ? `${props.label}: ${props.error}` : props.label}
        placeholder={props.placeholder}
        inputMode={props.numeric === false ? undefined : 'decimal'}
        onInput={(e) => props.onChange((e.target as HTMLInputElement).value)}
        onBlur={props.onBlur}
      />
      {props.hint ? <div className="hint">{props.hint}</div> : null}
      <ErrorText id={id} error={props.error} />
    </div>
  );
}

export function SelectField<T extends string>(
  props: Common & { value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void },
) {
  const id = fieldId(props.field);
  return (
    <div className={`field${props.error ? ' has-error' : ''}`} data-field={props.field}>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <VscodeSingleSelect
        id={id}
        value={props.value}
        label={props.label}
        invalid={props.error !== undefined}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value as T)}
      >
        {props.options.map((o) => (
          <VscodeOption key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </VscodeOption>
        ))}
      </VscodeSingleSelect>
      {props.hint ? <div className="hint">{props.hint}</div> : null}
      <ErrorText id={id} error={props.error} />
    </div>
  );
}

export function CheckField(props: Common & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = fieldId(props.field);
  return (
    <div className={`field check${props.error ? ' has-error' : ''}`} data-field={props.field}>
      <VscodeCheckbox id={id} checked={props.checked} label={props.label} onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)} />
      {props.hint ? <div className="hint">{props.hint}</div> : null}
      <ErrorText id={id} error={props.error} />
    </div>
  );
}
