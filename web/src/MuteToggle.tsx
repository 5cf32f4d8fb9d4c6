/** The one sound on/off button for the page's players. */
import { VolumeOffIcon, VolumeOnIcon } from './icons.tsx';
import { toggleMuted, useMuted } from './mute.ts';

export function MuteToggle() {
  const muted = useMuted();
  return (
    <button
      type="button"
      className="icon-button mute-toggle"
      data-testid="mute-toggle"
      data-muted={muted}
      aria-label={muted ? 'Turn sound on' : 'Turn sound off'}
      title={muted ? 'Turn sound on (m)' : 'Turn sound off (m)'}
      onClick={toggleMuted}
    >
      {muted ? <VolumeOffIcon /> : <VolumeOnIcon />}
    </button>
  );
}
