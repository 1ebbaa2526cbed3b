import { type ReactNode, useEffect, useRef } from 'react';
import { t } from '../i18n';

/**
 * A screen: its <h1> and document title. After each navigation focus moves to the heading, so a screen reader
 * announces the new page and the keyboard starts from there. Not when a form field of this screen already has focus:
 * the effect runs after the paint, and a quick keyboard user may have tabbed into a field by then; taking focus away
 * would send the letters typed next nowhere.
 */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t.app.name}`;
    const active = document.activeElement;
    const typing = active instanceof HTMLInputElement || active instanceof HTMLSelectElement || active instanceof HTMLTextAreaElement;
    if (!typing) heading.current?.focus();
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}

export function Loading() {
  return <p role="status">{t.app.loading}</p>;
}
