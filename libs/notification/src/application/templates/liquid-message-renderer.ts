import { DirectoryProjection } from '@itsm/platform/persistence';
import { isValidTimeZone } from '@itsm/recurrence';
import { Injectable } from '@nestjs/common';
import type { Notice, RenderedMessage } from '../../domain/notice';
import { NotificationErrorCode, notificationError } from '../../domain/notification.errors';
import { recipientName, templateContext, variantFor } from '../../domain/templates';
import type { NotificationTemplate, TemplateReader } from '../../domain/templates';
import { MessageRenderer } from '../ports/message-renderer.port';
import { TemplateEngines } from './template-engines';
import { TemplateLibrary } from './template-library';
import { eventDateFields } from './template-validator';

/**
 * The zone dates are shown in for a recipient without a valid one (an address, an endpoint, a person
 * the directory gives none): UTC, named in the text ("UTC"), so nobody misreads it as their own.
 */
const FALLBACK_TIME_ZONE = 'UTC';

/** Dates read in the recipient's own locale when the variant is in their language (de-CH reading de), else in the variant's (fr reading en). */
function dateLocale(wanted: string, variant: string): string {
  const [w, v] = [wanted.toLowerCase(), variant.toLowerCase()];
  return w === v || w.startsWith(`${v}-`) ? wanted : variant;
}

function readerOf(notice: Notice, locale: string): TemplateReader {
  const zone = notice.recipient.kind === 'person' ? notice.recipient.timeZone : null;
  return { name: recipientName(notice.recipient), locale, timeZone: zone !== null && isValidTimeZone(zone) ? zone : FALLBACK_TIME_ZONE };
}

/**
 * MessageRenderer on the sandboxed Liquid engines: the notice's template (saved, else built in),
 * the variant of the recipient's locale (de-CH -> de -> en), dates in the recipient's locale and
 * zone; subject and text for every channel, HTML for mail only. A render that fails is
 * NOTIFICATION.INVALID_TEMPLATE (phase `render`), never half a message.
 */
@Injectable()
export class LiquidMessageRenderer extends MessageRenderer {
  constructor(
    private readonly library: TemplateLibrary,
    private readonly engines: TemplateEngines,
    private readonly directory: DirectoryProjection,
  ) {
    super();
  }

  async render(notice: Notice, locale: string): Promise<RenderedMessage> {
    const template = await this.library.find(notice.templateId);
    if (template === null) throw notificationError(NotificationErrorCode.NotFound, `no template ${notice.templateId}`, { templateId: notice.templateId });
    return this.renderWith(template, notice, locale);
  }

  /** Renders `template` (saved or not: a preview's) for the notice's recipient in `locale`. */
  async renderWith(template: NotificationTemplate, notice: Notice, locale: string): Promise<RenderedMessage> {
    const variant = variantFor(template, locale);
    const actorIds = [...new Set(notice.items.flatMap((item) => (item.event.actorId === null ? [] : [item.event.actorId])))];
    const people = actorIds.length === 0 ? new Map() : await this.directory.people(actorIds);
    const data = templateContext(notice, { reader: readerOf(notice, dateLocale(locale, variant.locale)), actorNames: new Map([...people].map(([id, person]) => [id, person.displayName])), dateFields: eventDateFields });
    const part = async (source: string, markup: 'html' | 'text', name: 'subject' | 'text' | 'html'): Promise<string> => {
      const site = { templateId: template.id, locale: variant.locale, part: name };
      return this.engines.render(this.engines.parse(source, markup, site), markup, data, site);
    };
    const subject = (await part(variant.subject, 'text', 'subject')).replace(/\s+/g, ' ').trim();
    const text = await part(variant.text, 'text', 'text');
    const html = notice.channel === 'email' && variant.html !== null ? await part(variant.html, 'html', 'html') : null;
    return { locale: variant.locale, subject, text, html };
  }
}
