import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';
import { KnownTemplates } from './application/ports/known-templates.port';
import { MessageRenderer } from './application/ports/message-renderer.port';
import { LiquidMessageRenderer } from './application/templates/liquid-message-renderer';
import { StoredKnownTemplates } from './application/templates/stored-known-templates';
import { TemplateEngines } from './application/templates/template-engines';
import { TemplateLibrary } from './application/templates/template-library';
import { TemplateValidator } from './application/templates/template-validator';

/*
 * Templates per locale in the sandboxed Liquid engines: validation on save, the built-in ones, the MessageRenderer and KnownTemplates ports.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_TEMPLATES_REPOSITORIES: readonly ContextRepository[] = [];
export const NOTIFICATION_TEMPLATES_PROVIDERS: readonly Provider[] = [
  TemplateEngines,
  TemplateValidator,
  TemplateLibrary,
  LiquidMessageRenderer,
  { provide: MessageRenderer, useExisting: LiquidMessageRenderer },
  { provide: KnownTemplates, useClass: StoredKnownTemplates },
];
export const NOTIFICATION_TEMPLATES_CONSUMERS: readonly Type[] = [];
