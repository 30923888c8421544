import { encodeCursor, pageRequest } from '@itsm/platform/graphql';
import { NotificationErrorCode, notificationError } from '../domain/notification.errors';
import { builtInTemplate, templateSortKey } from '../domain/templates';
import type { NotificationTemplate } from '../domain/templates';
import type { NotificationTemplateInput } from './notification-template.inputs';
import type { NotificationTemplateGql } from './notification-template.types';

const CURSOR = 'ntpl';
const invalid = (field: string, message: string) => notificationError(NotificationErrorCode.InvalidInput, message, { field });

export const templateCursor = (template: NotificationTemplate): string => encodeCursor(CURSOR, templateSortKey(template));

export function templatePage(args: { readonly first: number; readonly after?: string | null }): { readonly first: number; readonly after: string | null } {
  const request = pageRequest(args, { cursor: CURSOR, maxFirst: 200, parseKey: (key) => (key.includes('\u0000') ? key : undefined), invalid });
  return { first: request.first, after: request.after ?? null };
}

export function templateOf(input: NotificationTemplateInput): NotificationTemplate {
  return { id: input.id, name: input.name, kind: input.kind, eventTypes: input.eventTypes, variants: input.variants.map((v) => ({ locale: v.locale, subject: v.subject, text: v.text, html: v.html ?? null })) };
}

export function toTemplateGql(template: NotificationTemplate): NotificationTemplateGql {
  const shipped = builtInTemplate(template.id);
  return { ...template, eventTypes: [...template.eventTypes], variants: template.variants.map((v) => ({ ...v })), builtIn: shipped !== undefined && shipped === template };
}

/** The sample payload of a preview: a JSON object, or NOTIFICATION.INVALID_INPUT naming `sampleData`. */
export function sampleDataOf(text: string | null | undefined): Readonly<Record<string, unknown>> | null {
  if (text === null || text === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('sampleData', 'sampleData is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('sampleData', 'sampleData is a JSON object (the event payload)');
  return value as Record<string, unknown>;
}
