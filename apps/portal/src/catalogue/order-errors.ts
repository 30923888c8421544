import { formErrorsOf, GatewayRequestError } from '../api/graphql-errors';
import type { FormErrors, GatewayError } from '../api/graphql-errors';

/**
 * The server's refusal of an order placed on the item's form: the catalogue's errors name the
 * variable in `details.variable` (CATALOGUE.INVALID_VARIABLE, MISSING_VARIABLE, HIDDEN_VARIABLE,
 * UNKNOWN_REFERENCE); each shows next to that variable, everything else above the form. The portal
 * orders one line at a time, so the server's `Line 0: ` (which line of the cart) is left off.
 */
export function orderErrorsOf(error: unknown, variables: readonly string[], words: (entry: GatewayError) => string | undefined = () => undefined): FormErrors {
  if (!(error instanceof GatewayRequestError)) return formErrorsOf(error, variables);
  const named = error.errors.map((entry) => {
    const variable = entry.extensions?.details?.['variable'];
    const message = words(entry) ?? (typeof entry.extensions?.details?.['line'] === 'number' ? entry.message.replace(/^Line \d+: /, '') : entry.message);
    return typeof variable === 'string' ? { message, extensions: { ...entry.extensions, details: { ...entry.extensions?.details, field: variable } } } : { ...entry, message };
  });
  return formErrorsOf(new GatewayRequestError(named), variables);
}

/** The most of one item a line orders: the server's ORDER_LIMITS.quantity. */
export const MAX_QUANTITY = 1000;

/** The quantity field's text as the server takes it (a whole number from 1 to MAX_QUANTITY), or undefined. */
export function quantityOf(text: string): number | undefined {
  const count = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isInteger(count) && count >= 1 && count <= MAX_QUANTITY ? count : undefined;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const REFERENCE_KINDS = ['person', 'group', 'configuration_item', 'service'];
const INVALID_REASONS = ['wrong_type', 'not_single_line', 'too_short', 'too_long', 'pattern', 'not_integer', 'below_min', 'above_max', 'not_a_date', 'before_min_date', 'after_max_date', 'not_an_option', 'too_few_selections', 'too_many_selections', 'not_an_id'];

/**
 * A catalogue error about one variable in the page's language, from its code and details
 * (`reason`, `limit`, `kind`, `id`) and the variable's label; undefined (the server's own message
 * then shows) for anything this portal does not know.
 */
export function orderErrorText(entry: GatewayError, labelOf: (variable: string) => string | undefined, t: Translate): string | undefined {
  const details = entry.extensions?.details ?? {};
  if (entry.extensions?.code === 'CATALOGUE.INVALID_INPUT' && details['field'] === 'quantity') return t('selfService.order.wholeQuantity', { max: MAX_QUANTITY });
  const variable = details['variable'];
  const label = typeof variable === 'string' ? labelOf(variable) : undefined;
  if (label === undefined) return undefined;
  const reason = details['reason'];
  switch (entry.extensions?.code) {
    case 'CATALOGUE.MISSING_VARIABLE':
      return t('selfService.order.errors.missing', { label });
    case 'CATALOGUE.HIDDEN_VARIABLE':
      return t(reason === 'not_in_form' ? 'selfService.order.errors.notInForm' : 'selfService.order.errors.hidden', { label });
    case 'CATALOGUE.UNKNOWN_REFERENCE': {
      const kind = details['kind'];
      const id = details['id'];
      return typeof kind === 'string' && REFERENCE_KINDS.includes(kind) && typeof id === 'string' ? t(`selfService.order.errors.unknownReference.${kind}`, { label, id }) : undefined;
    }
    case 'CATALOGUE.INVALID_VARIABLE': {
      const limit = details['limit'];
      return typeof reason === 'string' && INVALID_REASONS.includes(reason) ? t(`selfService.order.errors.invalid.${reason}`, { label, limit: typeof limit === 'number' || typeof limit === 'string' ? limit : '' }) : undefined;
    }
    default:
      return undefined;
  }
}

/** A price in minor units of its currency, in the page's language (`1.450,00 €`). */
export function formatPrice(minor: number, currency: string, language: string): string {
  try {
    const format = new Intl.NumberFormat(language, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}
