import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryTree } from '../catalogue/category-tree';
import { formatPrice } from '../catalogue/order-errors';
import { Alert, SelectField } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { LoadMore } from '../self-service/load-more';
import type { CatalogCategory, CatalogItemSummary } from '../self-service/types';
import type { Page } from '../self-service/use-paged-query';
import { usePagedQuery } from '../self-service/use-paged-query';
import { useQuery } from '../self-service/use-query';

const pickItems = (answer: { catalogItems: Page<CatalogItemSummary> }) => answer.catalogItems;
const idOfItem = (item: CatalogItemSummary) => item.id;

/** Self-service: the items the signed-in person may order, by category and words. */
export function Catalogue() {
  const { t, i18n } = useTranslation();
  const { navigate } = usePortal();
  const [filter, setFilter] = useState<{ categoryId: string; text: string }>({ categoryId: '', text: '' });
  const categories = useQuery<{ categories: CatalogCategory[] }>('Categories', {}, 'all');
  const variables = { categoryId: filter.categoryId === '' ? null : filter.categoryId, text: filter.text.trim() === '' ? null : filter.text.trim() };
  const items = usePagedQuery('CatalogItems', variables, JSON.stringify(variables), pickItems, idOfItem);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilter({ categoryId: String(form.get('categoryId') ?? ''), text: String(form.get('text') ?? '') });
  };
  const categoryName = new Map((categories.data?.categories ?? []).map((c) => [c.id, c.name]));
  const list = items.nodes;
  const errors = [categories.error, items.error].filter((e): e is string => e !== undefined).map((message) => t('common.error', { message }));
  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t('selfService.catalogue.title')}</h1>
      <form className="card filters" onSubmit={search} role="search" aria-label={t('selfService.catalogue.search')}>
        <SelectField
          id="catalogue-category"
          name="categoryId"
          label={t('selfService.catalogue.category')}
          defaultValue=""
          options={[{ value: '', label: t('selfService.catalogue.allCategories') }, ...categoryTree(categories.data?.categories ?? []).map(({ category, depth }) => ({ value: category.id, label: `${'\u2003'.repeat(depth)}${category.name}` }))]}
        />
        <div className="field">
          <label htmlFor="catalogue-text">{t('selfService.catalogue.words')}</label>
          <input id="catalogue-text" name="text" type="text" />
        </div>
        <button type="submit">{t('selfService.catalogue.search')}</button>
      </form>
      <Alert messages={errors} />
      <div aria-live="polite">
        {list === undefined ? (
          items.error === undefined && <p>{t('common.loading')}</p>
        ) : list.length === 0 ? (
          <p>{t('selfService.catalogue.empty')}</p>
        ) : (
          <ul className="catalogue-items plain">
            {list.map((item) => (
              <li key={item.id} className="card">
                <h2>
                  <Link to={ROUTES.catalogItem(item.id)} navigate={navigate}>
                    {item.name}
                  </Link>
                </h2>
                <p>{item.description}</p>
                <p className="meta">
                  {categoryName.get(item.categoryId) ?? ''} · {formatPrice(item.price.oneOffMinor, item.price.currency, i18n.language)}
                  {item.price.recurringMonthlyMinor > 0 && ` + ${t('selfService.catalogue.monthly', { price: formatPrice(item.price.recurringMonthlyMinor, item.price.currency, i18n.language) })}`} · {t('selfService.catalogue.leadTime', { count: item.leadTimeDays })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
      <LoadMore hasMore={items.hasMore} busy={items.loadingMore} onClick={items.loadMore} />
    </section>
  );
}
