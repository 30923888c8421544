import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormErrors } from '../api/graphql-errors';
import { formStatus, initialValues } from '../catalogue/form-rules';
import { formatPrice, MAX_QUANTITY, orderErrorText, orderErrorsOf, quantityOf } from '../catalogue/order-errors';
import type { Translate } from '../catalogue/order-errors';
import { VariableField } from '../catalogue/variable-field';
import { Alert } from '../components';
import { Link, usePortal } from '../portal-context';
import { ROUTES } from '../routes';
import { ordersItems } from '../self-service/access';
import type { CatalogItem } from '../self-service/types';
import { useQuery } from '../self-service/use-query';

const NO_ERRORS: FormErrors = { fields: {}, form: [] };

/** Self-service: one catalogue item and its order form, rendered from the item's variables; the server's refusals show next to their variables. */
export function CatalogueItem({ id, onOrdered }: { id: string; onOrdered: (request: { id: string; number: string }) => void }) {
  const { t } = useTranslation();
  const { navigate, session } = usePortal();
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
        <OrderForm item={data.catalogItem} onOrdered={onOrdered} mayOrder={ordersItems(session.roles)} />
      )}
    </article>
  );
}

function OrderForm({ item, onOrdered, mayOrder }: { item: CatalogItem; onOrdered: (request: { id: string; number: string }) => void; mayOrder: boolean }) {
  const { t, i18n } = useTranslation();
  const { client } = usePortal();
  const [values, setValues] = useState<Record<string, unknown>>(() => initialValues(item.form));
  const [quantity, setQuantity] = useState('1');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  // Bumped on each refusal: focus then goes to the first field in error (or the summary above the form).
  const [refusals, setRefusals] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const status = useMemo(() => formStatus(item.form, values), [item.form, values]);
  const shown = useMemo(() => item.form.filter((variable) => status.of.get(variable.name)?.shown === true), [item.form, status]);
  const labels = useMemo(() => new Map(item.form.map((variable) => [variable.name, variable.label])), [item.form]);

  useEffect(() => {
    if (refusals === 0) return;
    const form = formRef.current;
    const first = form?.querySelector<HTMLElement>('[aria-invalid="true"] input, input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]');
    first?.focus();
  }, [refusals]);

  const refuse = (next: FormErrors) => {
    setErrors(next);
    setRefusals((n) => n + 1);
  };
  const clearError = (name: string) => setErrors((current) => (current.fields[name] === undefined ? current : { ...current, fields: Object.fromEntries(Object.entries(current.fields).filter(([field]) => field !== name)) }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const count = quantityOf(quantity);
    if (count === undefined) {
      refuse({ fields: { quantity: t('selfService.order.wholeQuantity', { max: MAX_QUANTITY }) }, form: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    const line = { itemId: item.id, quantity: count, variables: JSON.stringify(status.submit) };
    // Only the fields on screen take an error; one about a hidden variable shows above the form.
    const fields = [...shown.map((variable) => variable.name), 'quantity'];
    client
      .request<{ orderCatalogItems: { id: string; number: string } }>('OrderCatalogItems', { input: { lines: [line] } })
      .then(({ orderCatalogItems }) => onOrdered(orderCatalogItems))
      .catch((failure: unknown) => refuse(orderErrorsOf(failure, fields, (entry) => orderErrorText(entry, (name) => labels.get(name), t as Translate))))
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
      {!mayOrder ? (
        <p className="notice">{t('selfService.order.notYours')}</p>
      ) : (
      <form className="card" onSubmit={submit} noValidate aria-labelledby="order-title" ref={formRef}>
        <h2 id="order-title">{t('selfService.order.title')}</h2>
        <Alert messages={errors.form.length === 0 && Object.keys(errors.fields).length > 0 ? [t('selfService.errorSummary')] : errors.form} />
        {shown.map((variable) => (
          <VariableField
            key={variable.name}
            variable={variable}
            value={values[variable.name]}
            required={status.of.get(variable.name)?.required === true}
            error={errors.fields[variable.name]}
            onChange={(value) => {
              setValues((current) => ({ ...current, [variable.name]: value }));
              clearError(variable.name);
            }}
          />
        ))}
        <div className="field">
          <label htmlFor="order-quantity">{t('selfService.order.quantity')}</label>
          <input
            id="order-quantity"
            type="number"
            min={1}
            max={MAX_QUANTITY}
            step={1}
            value={quantity}
            onChange={(event) => {
              setQuantity(event.target.value);
              clearError('quantity');
            }}
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
      )}
    </>
  );
}
