/** Shows the current toast message; the live region stays mounted so screen readers announce changes. */
import { useToast } from './toast.ts';

export function Toast() {
  const toast = useToast();
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <p key={toast.id} className="toast">
          {toast.text}
        </p>
      )}
    </div>
  );
}
