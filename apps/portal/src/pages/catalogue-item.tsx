import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormErrors } from '../api/graphql-errors';
import { formStatus, initialValues } from '../catalogue/form-rules';
import { formatPrice, orderErrorsOf } from '../catalogue/order-errors';
import { VariableField } from '../catalogue/variable-field';
import { Alert } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import type { CatalogItem } from '../self-service/types';
import { useQuery } from '../self-service/use-query';

const NO_ERRORS: FormErrors = { fields: {}, form: [] };

/** Self-service: one catalogue item and its order form, rendered from the item's variables; the server's refusals show next to their variables. */
export function CatalogueItem({ id, onOrdered }: { id: string; onOrdered: (request: { id: string; number: string }) => void }) {
  const { t } = useTranslation();
  const { navigate } = usePortal();
  const { data, error } = useQuery<{ catalogItem: CatalogItem }>('CatalogItem', { id }, id);
  return (
    <article aria-labelledby="item-title">
      <p>
        <Link to={ROUTES.catalogue} navigate={navigate}>
          {t('selfService.catalogue.back')}
        </Link>
      </p>
      {data === undefined ? (
        error === undefined ? <p>{t('common.loading')}</p> : <Alert messages={[t('common.error', { message: error })]} />
      ) : (
        <OrderForm item={data.catalogItem} onOrdered={onOrdered} />
      )}
    </article>
  );
}

function OrderForm({ item, onOrdered }: { item: CatalogItem; onOrdered: (request: { id: string; number: string }) => void }) {
  const { t, i18n } = useTranslation();
  const { client } = usePortal();
  const [values, setValues] = useState<Record<string, unknown>>(() => initialValues(item.form));
  const [quantity, setQuantity] = useState('1');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const status = useMemo(() => formStatus(item.form, values), [item.form, values]);
  const fields = useMemo(() => [...item.form.map((v) => v.name), 'quantity'], [item.form]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    const line = { itemId: item.id, quantity: Number(quantity), variables: JSON.stringify(status.submit) };
    client
      .request<{ orderCatalogItems: { id: string; number: string } }>('OrderCatalogItems', { input: { lines: [line] } })
      .then(({ orderCatalogItems }) => onOrdered(orderCatalogItems))
      .catch((failure: unknown) => setErrors(orderErrorsOf(failure, fields)))
      .finally(() => setBusy(false));
  };
  const price = formatPrice(item.price.oneOffMinor, item.price.currency, i18n.language);
  return (
    <>
      <h1 id="item-title">{item.name}</h1>
      <p>{item.description}</p>
      <p className="meta">
        {price}
        {item.price.recurringMonthlyMinor > 0 && ` + ${t('selfService.catalogue.monthly', { price: formatPrice(item.price.recurringMonthlyMinor, item.price.currency, i18n.language) })}`} · {t('selfService.catalogue.leadTime', { count: item.leadTimeDays })}
        {item.approvalPolicyCount > 0 && ` · ${t('selfService.order.needsApproval')}`}
      </p>
      <form className="card" onSubmit={submit} noValidate aria-labelledby="order-title">
        <h2 id="order-title">{t('selfService.order.title')}</h2>
        <Alert messages={errors.form} />
        {item.form
          .filter((variable) => status.of.get(variable.name)?.shown === true)
          .map((variable) => (
            <VariableField
              key={variable.name}
              variable={variable}
              value={values[variable.name]}
              required={status.of.get(variable.name)?.required === true}
              error={errors.fields[variable.name]}
              onChange={(value) => setValues((current) => ({ ...current, [variable.name]: value }))}
            />
          ))}
        <div className="field">
          <label htmlFor="order-quantity">{t('selfService.order.quantity')}</label>
          <input
            id="order-quantity"
            type="number"
            min={1}
            step={1}
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
            aria-invalid={errors.fields['quantity'] !== undefined}
            aria-describedby={errors.fields['quantity'] === undefined ? undefined : 'order-quantity-error'}
          />
          {errors.fields['quantity'] !== undefined && (
            <p id="order-quantity-error" className="field-error">
              {errors.fields['quantity']}
            </p>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('selfService.order.submitting') : t('selfService.order.submit')}
        </button>
      </form>
    </>
  );
}
