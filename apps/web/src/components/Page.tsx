import { type ReactNode, useEffect, useRef } from 'react';
import { t } from '../i18n';

/**
 * A screen: its <h1> and document title. After each navigation focus moves to the heading, so a screen reader
 * announces the new page and the keyboard starts from there.
 */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t.app.name}`;
    heading.current?.focus();
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
