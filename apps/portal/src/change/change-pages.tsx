import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { PageErrorBoundary } from '../components';
import type { Page } from '../routes';

// The change pages load on first use: they stay out of the portal's first-load JavaScript.
const ChangeList = lazy(async () => ({ default: (await import('../pages/change-list')).ChangeList }));
const ChangeRecord = lazy(async () => ({ default: (await import('../pages/change-record')).ChangeRecord }));
const ChangeCalendar = lazy(async () => ({ default: (await import('../pages/change-calendar')).ChangeCalendar }));
const CabAgenda = lazy(async () => ({ default: (await import('../pages/cab-agenda')).CabAgenda }));

export type ChangePage = Extract<Page, { kind: 'changes' | 'change' | 'change-calendar' | 'cab-agenda' }>;

/** Change management's pages: the change list, a change record, the change calendar, the CAB agenda. */
export function ChangePages({ page }: { page: ChangePage }) {
  const { t } = useTranslation();
  let content;
  switch (page.kind) {
    case 'changes':
      content = <ChangeList />;
      break;
    case 'change':
      content = <ChangeRecord id={page.id} key={page.id} />;
      break;
    case 'change-calendar':
      content = <ChangeCalendar />;
      break;
    case 'cab-agenda':
      content = <CabAgenda />;
      break;
  }
  return (
    <PageErrorBoundary key={page.kind} message={t('change.pageFailed')} reload={t('change.reload')}>
      <Suspense fallback={<p>{t('common.loading')}</p>}>{content}</Suspense>
    </PageErrorBoundary>
  );
}
