/** A button of the feed item's side rail: an icon over a count, toggled ones marked pressed. */
import type { ReactNode, Ref } from 'react';
import { formatCount } from '../format.ts';

interface Props {
  icon: ReactNode;
  /** What it does, said before the count ("Like" → "Like, 12 likes"). */
  action: string;
  count: number;
  /** The counted thing, plural ("likes"); without it the label is just the action and the number. */
  unit?: string;
  /** For toggles (like, save): whether it is on, and the class it then adds. */
  pressed?: { on: boolean; className: string };
  onClick: () => void;
  testId: string;
  countTestId?: string;
  opensDialog?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

export function RailButton({
  icon,
  action,
  count,
  unit,
  pressed,
  onClick,
  testId,
  countTestId,
  opensDialog,
  ref,
}: Props) {
  const shown = formatCount(count);
  return (
    <button
      ref={ref}
      type="button"
      className={pressed?.on ? `rail-button ${pressed.className}` : 'rail-button'}
      aria-pressed={pressed?.on}
      aria-label={unit ? `${action}, ${shown} ${unit}` : `${action}, ${shown}`}
      aria-haspopup={opensDialog ? 'dialog' : undefined}
      onClick={onClick}
      data-testid={testId}
    >
      {icon}
      <span aria-hidden="true" data-testid={countTestId}>
        {shown}
      </span>
    </button>
  );
}
