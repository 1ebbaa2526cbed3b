import { Page } from '../components/Page';
import { t } from '../i18n';

/** A route whose screen is still being moved to this app (kept so bookmarks resolve). */
export function NotYetPorted({ title }: { title: string }) {
  return (
    <Page title={t.notYetPorted.title(title)}>
      <p>{t.notYetPorted.text}</p>
    </Page>
  );
}
