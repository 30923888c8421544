import { Clock } from '@itsm/platform/config';
import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { InputTextArgs, toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SaveNotificationTemplateCommand } from '../application/commands/save-notification-template/save-notification-template.command';
import { SaveNotificationTemplateHandler } from '../application/commands/save-notification-template/save-notification-template.handler';
import { NotificationTemplateHandler } from '../application/queries/notification-template/notification-template.handler';
import { NotificationTemplateQuery } from '../application/queries/notification-template/notification-template.query';
import { NotificationTemplatesHandler } from '../application/queries/notification-templates/notification-templates.handler';
import { NotificationTemplatesQuery } from '../application/queries/notification-templates/notification-templates.query';
import { PreviewNotificationTemplateHandler } from '../application/queries/preview-notification-template/preview-notification-template.handler';
import { PreviewNotificationTemplateQuery } from '../application/queries/preview-notification-template/preview-notification-template.query';
import { NotificationErrorCode, notificationError } from '../domain/notification.errors';
import { NotificationTemplateInput } from './notification-template.inputs';
import { sampleDataOf, templateCursor, templateOf, templatePage, toTemplateGql } from './notification-template.mapper';
import { NotificationTemplateConnectionGql, NotificationTemplateGql, RenderedNotificationGql } from './notification-template.types';
import { notificationErrorFilter } from './notification-error.filter';

/** Who manages templates. */
const TEMPLATE_ADMINS = ['notification-admin', 'admin'] as const;

/** Notification errors at the GraphQL edge: `extensions.code` is the domain code, `extensions.details` its fields. */

/** Notification admins' templates: save (checked first), list, read and preview. */
@Resolver(() => NotificationTemplateGql)
@UseFilters(notificationErrorFilter)
export class NotificationTemplateResolver {
  constructor(
    private readonly saver: SaveNotificationTemplateHandler,
    private readonly lister: NotificationTemplatesHandler,
    private readonly finder: NotificationTemplateHandler,
    private readonly previewer: PreviewNotificationTemplateHandler,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => NotificationTemplateGql, { description: 'Creates or replaces a template by id; refused (nothing saved) on an unknown event type, a parse error or an unknown variable' })
  @Roles(...TEMPLATE_ADMINS)
  async saveNotificationTemplate(@Args('input') input: NotificationTemplateInput): Promise<NotificationTemplateGql> {
    return toTemplateGql(await this.saver.execute(new SaveNotificationTemplateCommand(templateOf(input))));
  }

  @Query(() => NotificationTemplateConnectionGql, { description: 'Saved and built-in templates by name' })
  @Roles(...TEMPLATE_ADMINS)
  async notificationTemplates(@Args('first', { type: () => Int, defaultValue: 50 }) first: number, @Args('after', { type: () => String, nullable: true }) after?: string | null): Promise<ConnectionOf<NotificationTemplateGql>> {
    const request = templatePage({ first, after });
    return toConnection(await this.lister.execute(new NotificationTemplatesQuery(request.first, request.after)), templateCursor, toTemplateGql);
  }

  @Query(() => NotificationTemplateGql, { nullable: true })
  @Roles(...TEMPLATE_ADMINS)
  async notificationTemplate(@Args('id', { type: () => ID }) id: string): Promise<NotificationTemplateGql | null> {
    const template = await this.finder.execute(new NotificationTemplateQuery(id));
    return template === null ? null : toTemplateGql(template);
  }

  @Query(() => RenderedNotificationGql, { description: 'Renders a saved template (id) or an unsaved one (input) for an event type, with sampleData (a JSON payload) or an example built from its schema' })
  @Roles(...TEMPLATE_ADMINS)
  @InputTextArgs({ sampleData: 'document' })
  async previewNotificationTemplate(
    @CurrentPrincipal() caller: Principal,
    @Args('eventType') eventType: string,
    @Args('id', { type: () => ID, nullable: true }) id?: string | null,
    @Args('input', { type: () => NotificationTemplateInput, nullable: true }) input?: NotificationTemplateInput | null,
    @Args('sampleData', { type: () => String, nullable: true }) sampleData?: string | null,
    @Args('locale', { type: () => String, defaultValue: 'en' }) locale = 'en',
    @Args('timeZone', { type: () => String, nullable: true }) timeZone?: string | null,
  ): Promise<RenderedNotificationGql> {
    const template = input ?? null;
    const saved = id ?? null;
    if ((template === null) === (saved === null)) throw notificationError(NotificationErrorCode.InvalidInput, 'give either id or input', { field: 'id' });
    const source = template !== null ? { template: templateOf(template) } : { id: saved ?? '' };
    const reader = { personId: caller.userId, name: caller.name, locale, timeZone: timeZone ?? null };
    return this.previewer.execute(new PreviewNotificationTemplateQuery(source, eventType, sampleDataOf(sampleData), reader, this.clock.now().getTime()));
  }
}
