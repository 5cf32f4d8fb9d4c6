/** The host's and moderators' slow mode: how long each viewer waits between two messages. */

import { setSlowMode } from '../api.ts';
import { showToast } from '../toast.ts';
import { chatErrorMessage } from './chatErrors.ts';

const CHOICES = [0, 5, 15, 30, 60];

export function SlowModeSelect({
  streamId,
  seconds,
  onChange,
}: {
  streamId: string;
  seconds: number;
  onChange: (seconds: number) => void;
}) {
  const change = async (next: number) => {
    try {
      onChange(await setSlowMode(streamId, next));
    } catch (err) {
      showToast(chatErrorMessage(err, 0));
    }
  };
  const choices = CHOICES.includes(seconds) ? CHOICES : [...CHOICES, seconds].sort((a, b) => a - b);
  return (
    <label className="slow-mode">
      <span>Slow mode</span>
      <select value={seconds} onChange={(e) => void change(Number(e.target.value))}>
        {choices.map((s) => (
          <option key={s} value={s}>
            {s === 0 ? 'Off' : `${s} s`}
          </option>
        ))}
      </select>
    </label>
  );
}
