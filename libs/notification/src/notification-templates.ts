import { contextRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';
import { KnownTemplates } from './application/ports/known-templates.port';
import { MessageRenderer } from './application/ports/message-renderer.port';
import { LiquidMessageRenderer } from './application/templates/liquid-message-renderer';
import { StoredKnownTemplates } from './application/templates/stored-known-templates';
import { TemplateEngines } from './application/templates/template-engines';
import { TemplateLibrary } from './application/templates/template-library';
import { TemplateValidator } from './application/templates/template-validator';
import { TemplateStore } from './application/ports/template-store.port';
import { NotificationTemplateRepository } from './persistence/notification-template.repository';
import { SaveNotificationTemplateHandler } from './application/commands/save-notification-template/save-notification-template.handler';
import { NotificationTemplateHandler } from './application/queries/notification-template/notification-template.handler';
import { NotificationTemplatesHandler } from './application/queries/notification-templates/notification-templates.handler';
import { PreviewNotificationTemplateHandler } from './application/queries/preview-notification-template/preview-notification-template.handler';
import { NotificationTemplateResolver } from './graphql/notification-template.resolver';

/*
 * Templates per locale in the sandboxed Liquid engines: validation on save, the built-in ones, the MessageRenderer and KnownTemplates ports.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_TEMPLATES_REPOSITORIES: readonly ContextRepository[] = [
  contextRepository(NotificationTemplateRepository, (c) => new NotificationTemplateRepository(c), NotificationTemplateRepository.indexes),
];
export const NOTIFICATION_TEMPLATES_PROVIDERS: readonly Provider[] = [
  { provide: TemplateStore, useExisting: NotificationTemplateRepository },
  TemplateEngines,
  TemplateValidator,
  TemplateLibrary,
  LiquidMessageRenderer,
  { provide: MessageRenderer, useExisting: LiquidMessageRenderer },
  { provide: KnownTemplates, useClass: StoredKnownTemplates },
  SaveNotificationTemplateHandler,
  NotificationTemplatesHandler,
  NotificationTemplateHandler,
  PreviewNotificationTemplateHandler,
  NotificationTemplateResolver,
];
export const NOTIFICATION_TEMPLATES_CONSUMERS: readonly Type[] = [];
