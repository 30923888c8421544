import { NotificationErrorCode, notificationError } from '../notification.errors';

/**
 * What a template is written for: `event` (one or more event types it names, or none: the fixed
 * context only), `digest` (many items, any types) or `on_call` (a page or an escalation level).
 * A digest or on-call template names its kind instead of event types.
 */
export const TEMPLATE_KINDS = ['event', 'digest', 'on_call'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** The parts of a variant: the subject and text for every channel, the HTML for mail only. */
export const TEMPLATE_PARTS = ['subject', 'text', 'html'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];

/** One locale's wording: Liquid sources (the HTML one escapes every output). */
export interface TemplateVariant {
  readonly locale: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
}

export interface NotificationTemplate {
  readonly id: string;
  readonly name: string;
  readonly kind: TemplateKind;
  /** The event types whose payloads `event.*` reads (each variable must exist in every one). */
  readonly eventTypes: readonly string[];
  /** One per locale; `en` is required (the last fallback). */
  readonly variants: readonly TemplateVariant[];
}

/** The locale every template has (the end of every fallback chain). */
export const BASE_TEMPLATE_LOCALE = 'en';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const MAX_SOURCE = 20_000;
const MAX_VARIANTS = 20;

const invalid = (field: string, message: string) => notificationError(NotificationErrorCode.InvalidInput, message, { field });

/**
 * The template with its locales normalised (`de-ch` -> `de-CH`), or NOTIFICATION.INVALID_INPUT
 * naming the field: a malformed id, an empty name, a missing `en`, a locale twice, an oversized part,
 * a digest or on-call template naming event types.
 */
export function checkTemplateShape(template: NotificationTemplate): NotificationTemplate {
  if (!ID.test(template.id)) throw invalid('id', 'a template id is 1-64 letters, digits and . _ : -');
  if (template.name.trim().length === 0 || template.name.length > 200) throw invalid('name', 'a template name is 1-200 characters');
  if (!(TEMPLATE_KINDS as readonly string[]).includes(template.kind)) throw invalid('kind', `a template kind is one of ${TEMPLATE_KINDS.join(', ')}`);
  if (template.kind !== 'event' && template.eventTypes.length > 0) throw invalid('eventTypes', `a ${template.kind} template names its kind, not event types`);
  if (new Set(template.eventTypes).size !== template.eventTypes.length) throw invalid('eventTypes', 'an event type is listed twice');
  if (template.variants.length > MAX_VARIANTS) throw invalid('variants', `at most ${MAX_VARIANTS} locales`);
  const variants = template.variants.map((variant) => {
    if (!LOCALE.test(variant.locale)) throw invalid('variants.locale', `"${variant.locale}" is not a BCP 47 language tag`);
    for (const part of TEMPLATE_PARTS) {
      const source = variant[part];
      if (source !== null && source.length > MAX_SOURCE) throw invalid(`variants.${part}`, `a template part is at most ${MAX_SOURCE} characters`);
    }
    if (variant.subject.trim().length === 0) throw invalid('variants.subject', 'a subject is required');
    if (variant.text.trim().length === 0) throw invalid('variants.text', 'a text is required');
    return { ...variant, locale: normaliseLocale(variant.locale) };
  });
  const locales = variants.map((v) => v.locale);
  if (new Set(locales.map((l) => l.toLowerCase())).size !== locales.length) throw invalid('variants.locale', 'a locale is listed twice');
  if (!locales.includes(BASE_TEMPLATE_LOCALE)) throw invalid('variants', `the "${BASE_TEMPLATE_LOCALE}" variant is required (every fallback ends there)`);
  return { ...template, name: template.name.trim(), variants };
}

/** `DE-ch` -> `de-CH`: the language lower case, a two-letter region upper case, the rest as given. */
export function normaliseLocale(locale: string): string {
  const [language = '', ...rest] = locale.split('-');
  return [language.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}

/** `de-CH` -> [de-CH, de, en]: the locales tried for a recipient, most specific first, ending at `en`. */
export function localeFallbacks(locale: string): readonly string[] {
  const parts = LOCALE.test(locale) ? normaliseLocale(locale).split('-') : [];
  const chain = parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
  return [...new Set([...chain, BASE_TEMPLATE_LOCALE])];
}

/** The variant a recipient in `locale` reads: the first of its fallbacks the template has. */
export function variantFor(template: NotificationTemplate, locale: string): TemplateVariant {
  for (const candidate of localeFallbacks(locale)) {
    const variant = template.variants.find((v) => v.locale.toLowerCase() === candidate.toLowerCase());
    if (variant !== undefined) return variant;
  }
  throw notificationError(NotificationErrorCode.InvalidTemplate, `template ${template.id} has no "${BASE_TEMPLATE_LOCALE}" variant`, { templateId: template.id, locale });
}

/** A template's place in the admin list (and its cursor): the name case-insensitively, then the id. */
export function templateSortKey(template: Pick<NotificationTemplate, 'name' | 'id'>): string {
  return `${template.name.toLowerCase()}\u0000${template.id}`;
}
