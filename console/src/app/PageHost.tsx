import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/useT.js';
import type { PageProps } from '../workspace/page-props.js';
import type { PageSpec } from './pages.js';

/** Loads a page's code on first visit and renders it; a failed load says so and offers a retry. */
export function PageHost({ spec, props }: { spec: PageSpec; props: PageProps }) {
  const { t } = useT();
  const [Page, setPage] = useState<ComponentType<PageProps> | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setPage(null);
    setFailed(false);
    spec.load().then(
      (component) => {
        if (live) setPage(() => component);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [spec, attempt]);
  if (failed) {
    return (
      <main class="page center" role="alert">
        <p>{t('app.loadFailed')}</p>
        <button type="button" class="btn" onClick={() => setAttempt((n) => n + 1)}>
          {t('app.retry')}
        </button>
      </main>
    );
  }
  if (!Page) {
    return (
      <main class="page center muted" role="status">
        {t('app.loading')}
      </main>
    );
  }
  return <Page {...props} />;
}
