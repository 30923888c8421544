import { Injectable } from '@nestjs/common';
import type { NoticeItem, RenderedMessage } from '../../../domain/notice';
import { NotificationErrorCode, notificationError } from '../../../domain/notification.errors';
import { examplePayload } from '../../../domain/templates';
import type { NotificationTemplate } from '../../../domain/templates';
import { LiquidMessageRenderer } from '../../templates/liquid-message-renderer';
import { TemplateLibrary } from '../../templates/template-library';
import { eventSchema, TemplateValidator } from '../../templates/template-validator';
import type { PreviewNotificationTemplateQuery } from './preview-notification-template.query';

const DIGEST_PREVIEW_ITEMS = 3;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

@Injectable()
export class PreviewNotificationTemplateHandler {
  constructor(
    private readonly library: TemplateLibrary,
    private readonly validator: TemplateValidator,
    private readonly renderer: LiquidMessageRenderer,
  ) {}

  async execute(query: PreviewNotificationTemplateQuery): Promise<RenderedMessage> {
    const template = await this.templateOf(query);
    const schema = eventSchema(query.eventType);
    if (template.eventTypes.length > 0 && !template.eventTypes.includes(query.eventType)) {
      throw notificationError(NotificationErrorCode.InvalidInput, `template ${template.id} is not written for ${query.eventType}`, { field: 'eventType', eventType: query.eventType });
    }
    const time = new Date(query.now).toISOString();
    const data = query.sampleData ?? examplePayload(schema, time);
    const topic = query.eventType.split('.').slice(0, 2).join('.');
    const items = Array.from({ length: template.kind === 'digest' ? DIGEST_PREVIEW_ITEMS : 1 }, (_, i): NoticeItem => {
      const id = `preview-${i + 1}`;
      const event = { id, topic: `${topic}.v1`, type: query.eventType, source: 'preview', subject: id, sequence: i + 1, time, data, actorId: query.reader.personId, causationId: null, correlationId: null };
      return { ruleId: null, templateId: template.id, event, ticket: { topic: `${topic}.v1`, id, number: text(data['number']), title: text(data['title']), link: `/preview/${id}`, rootId: id } };
    });
    const { reader } = query;
    const recipient = { kind: 'person', personId: reader.personId, displayName: reader.name, email: null, locale: reader.locale, timeZone: reader.timeZone, chatHandle: null } as const;
    return this.renderer.renderWith(template, { key: 'preview', recipient, channel: 'email', category: 'update', urgent: false, templateId: template.id, items }, reader.locale);
  }

  private async templateOf(query: PreviewNotificationTemplateQuery): Promise<NotificationTemplate> {
    if ('template' in query.source) return this.validator.check(query.source.template);
    const found = await this.library.find(query.source.id);
    if (found === null) throw notificationError(NotificationErrorCode.NotFound, `no template ${query.source.id}`, { templateId: query.source.id });
    return found;
  }
}
