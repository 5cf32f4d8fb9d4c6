/** "Install app", shown only while the browser offers to install Looply (beforeinstallprompt). */
import { InstallIcon } from './icons.tsx';
import { useInstallPrompt } from './pwa.ts';

export function InstallButton({ className = 'button' }: { className?: string }) {
  const install = useInstallPrompt();
  if (!install) return null;
  return (
    <button type="button" className={className} onClick={() => void install()} data-testid="install-app">
      <InstallIcon />
      <span>Install app</span>
    </button>
  );
}
