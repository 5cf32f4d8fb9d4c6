/** The pieces the forms share: an error line, a checkbox with its text, and a row of radio pills. */
import type { ReactNode } from 'react';

/** What went wrong with the form, read out as soon as it shows. */
export function FormError({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {children}
    </p>
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

/** One of a few choices as pills (radio buttons underneath); `caption` is shown before them when given. */
export function ChoicePills<T extends string | number>({
  name,
  label,
  caption,
  choices,
  value,
  onChange,
}: {
  name: string;
  label: string;
  caption?: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="choice-row" role="radiogroup" aria-label={label}>
      {caption && <span className="choice-label">{caption}</span>}
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
