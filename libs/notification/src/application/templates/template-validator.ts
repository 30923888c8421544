import { PLATFORM_TOPICS } from '@itsm/contracts';
import { Injectable } from '@nestjs/common';
import type { TSchema } from '@sinclair/typebox';
import { notifiableEventTypes } from '../../domain/event-fields';
import { NotificationErrorCode, notificationError } from '../../domain/notification.errors';
import { checkTemplateShape, checkTemplateVariables, dateTimeFields, TEMPLATE_PARTS } from '../../domain/templates';
import type { NotificationTemplate, VariableUse } from '../../domain/templates';
import { TemplateEngines } from './template-engines';

/** Every event type of every platform topic: what templates are written for (a new topic is data, not code). */
const EVENT_TYPES = notifiableEventTypes(PLATFORM_TOPICS);

/**
 * Checks a template before it is saved or previewed, statically (no render): its shape, its event
 * types (NOTIFICATION.UNKNOWN_EVENT_TYPE), every part parses with its engine
 * (NOTIFICATION.INVALID_TEMPLATE) and reads only variables its event types or the fixed context have
 * (NOTIFICATION.UNKNOWN_TEMPLATE_VARIABLE).
 */
@Injectable()
export class TemplateValidator {
  constructor(private readonly engines: TemplateEngines) {}

  check(candidate: NotificationTemplate): NotificationTemplate {
    const template = checkTemplateShape(candidate);
    const schemas = template.eventTypes.map(eventSchema);
    const uses: VariableUse[] = template.variants.flatMap((variant) =>
      TEMPLATE_PARTS.flatMap((part) => {
        const source = variant[part];
        if (source === null) return [];
        const markup = part === 'html' ? 'html' : 'text';
        const site = { templateId: template.id, locale: variant.locale, part };
        return [{ locale: variant.locale, part, paths: this.engines.variables(this.engines.parse(source, markup, site), markup, site) }];
      }),
    );
    checkTemplateVariables(uses, schemas);
    return template;
  }
}

/** The payload fields of an event type that `formatted.*` carries (none for a type no topic has). */
export function eventDateFields(eventType: string): readonly string[] {
  const known = EVENT_TYPES.get(eventType);
  return known === undefined ? [] : dateTimeFields(known.schema);
}

/** The payload schema of an event type, or NOTIFICATION.UNKNOWN_EVENT_TYPE. */
export function eventSchema(eventType: string): TSchema {
  const known = EVENT_TYPES.get(eventType);
  if (known === undefined) throw notificationError(NotificationErrorCode.UnknownEventType, `no platform topic has the event type "${eventType}"`, { eventType });
  return known.schema;
}
