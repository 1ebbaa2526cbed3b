import { type ReactNode, useEffect, useRef, useState } from 'react';
import { t } from '../i18n';

/**
 * A confirmation in the page (not a browser dialog) in place of the button that asked for it: the question, what to
 * confirm with (`children`), the confirm button and "Annuleren", which brings the button back (and focus to it).
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, onCancel, children }: {
  label: string;
  question: string;
  confirmLabel: string;
  /** Resolves to an error to show in the box, or nothing when done. */
  onConfirm(): Promise<string | void>;
  /** Called on "Annuleren" (to clear what was typed in `children`). */
  onCancel?(): void;
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState('');
  const trigger = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    // Keyboard: after "Annuleren" the focus goes back to the button that asked.
    if (!open && cancelled.current) trigger.current?.focus();
    cancelled.current = false;
  }, [open]);
  if (!open) return <button type="button" ref={trigger} onClick={() => setOpen(true)}>{label}</button>;
  return (
    <div role="group" aria-label={question} className="confirm">
      <p>{question}</p>
      {children}
      <button type="button" autoFocus onClick={() => void onConfirm().then((e) => setError(e ?? ''))}>{confirmLabel}</button>
      <button type="button" className="secondary" onClick={() => { setError(''); onCancel?.(); cancelled.current = true; setOpen(false); }}>{t.confirm.cancel}</button>
      <p className="error" role="alert">{error}</p>
    </div>
  );
}
