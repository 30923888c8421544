import { NotificationErrorCode } from '../notification.errors';
import { checkTemplateShape, localeFallbacks, variantFor } from './notification-template';
import type { NotificationTemplate, TemplateVariant } from './notification-template';

const variant = (locale: string): TemplateVariant => ({ locale, subject: `s ${locale}`, text: `t ${locale}`, html: null });
const template = (...locales: string[]): NotificationTemplate => ({ id: 'tpl-1', name: 'Assigned', kind: 'event', eventTypes: [], variants: locales.map(variant) });

describe('template locales', () => {
  it('falls back from a region to its language, then to en', () => {
    expect(localeFallbacks('de-CH')).toEqual(['de-CH', 'de', 'en']);
    expect(localeFallbacks('de-ch')).toEqual(['de-CH', 'de', 'en']);
    expect(localeFallbacks('en-GB')).toEqual(['en-GB', 'en']);
    expect(localeFallbacks('not a locale')).toEqual(['en']);
  });

  it('picks the most specific variant the template has', () => {
    expect(variantFor(template('en', 'de'), 'de-CH').locale).toBe('de');
    expect(variantFor(template('en', 'de', 'de-CH'), 'de-ch').locale).toBe('de-CH');
    expect(variantFor(template('en', 'de'), 'fr-FR').locale).toBe('en');
  });

  it('requires en, one variant per locale and a kind without event types for digests', () => {
    expect(() => checkTemplateShape(template('de'))).toThrow(expect.objectContaining({ code: NotificationErrorCode.InvalidInput, details: { field: 'variants' } }));
    expect(() => checkTemplateShape(template('en', 'de', 'DE'))).toThrow(expect.objectContaining({ details: { field: 'variants.locale' } }));
    expect(() => checkTemplateShape({ ...template('en'), kind: 'digest', eventTypes: ['itsm.incident.opened.v1'] })).toThrow(expect.objectContaining({ details: { field: 'eventTypes' } }));
    expect(() => checkTemplateShape({ ...template('en'), id: 'has space' })).toThrow(expect.objectContaining({ details: { field: 'id' } }));
    expect(checkTemplateShape(template('en', 'de-ch')).variants.map((v) => v.locale)).toEqual(['en', 'de-CH']);
  });
});
