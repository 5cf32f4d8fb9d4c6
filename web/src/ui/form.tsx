/**
 * The pieces the forms share: a labelled field, a text area that counts its characters, an error line, a checkbox
 * with its text, and a row of radio pills.
 */
import type { ReactNode } from 'react';

/** What went wrong with the form, read out as soon as it shows. */
export function FormError({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {children}
    </p>
  );
}

/** A control under its label; the whole field is the label, so a tap on the words focuses the control. */
export function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control comes in `children`, inside the label.
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** Free text up to `max` characters, with how many are used below it. */
export function CountedTextArea({
  label,
  name,
  value,
  onChange,
  max,
  placeholder,
  testId,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  max: number;
  placeholder?: string;
  testId?: string;
}) {
  return (
    <Field label={label}>
      <textarea
        name={name}
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={max}
        rows={3}
        placeholder={placeholder}
      />
      <small className="hint counter">
        {value.length}/{max}
      </small>
    </Field>
  );
}

export function CheckField({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{children}</span>
    </label>
  );
}

export interface Choice<T> {
  value: T;
  label: ReactNode;
}

/** One of a few choices as pills (radio buttons underneath); `captioned` shows the label before them. */
export function ChoicePills<T extends string | number>({
  name,
  label,
  captioned = false,
  choices,
  value,
  onChange,
}: {
  name: string;
  label: string;
  captioned?: boolean;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="choice-row" role="radiogroup" aria-label={label}>
      {captioned && <span className="choice-label">{label}</span>}
      {choices.map((choice) => (
        <label key={choice.value} className={value === choice.value ? 'pill on' : 'pill'}>
          <input
            type="radio"
            name={name}
            className="sr-only"
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />
          {choice.label}
        </label>
      ))}
    </div>
  );
}
