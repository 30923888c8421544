import { useTranslation } from 'react-i18next';

/** Below a list that has more pages: asks for the next one. */
export function LoadMore({ hasMore, busy, onClick }: { hasMore: boolean; busy: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <p>
      <button type="button" className="secondary bordered" onClick={onClick} disabled={busy}>
        {busy ? t('common.loading') : t('selfService.loadMore')}
      </button>
    </p>
  );
}
