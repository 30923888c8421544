import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RetireEndpointSecretCommand } from '../application/commands/retire-endpoint-secret/retire-endpoint-secret.command';
import { RetireEndpointSecretHandler } from '../application/commands/retire-endpoint-secret/retire-endpoint-secret.handler';
import { RotateEndpointSecretCommand } from '../application/commands/rotate-endpoint-secret/rotate-endpoint-secret.command';
import { RotateEndpointSecretHandler } from '../application/commands/rotate-endpoint-secret/rotate-endpoint-secret.handler';
import { SaveNotificationEndpointCommand } from '../application/commands/save-notification-endpoint/save-notification-endpoint.command';
import { SaveNotificationEndpointHandler } from '../application/commands/save-notification-endpoint/save-notification-endpoint.handler';
import { SwitchNotificationEndpointCommand } from '../application/commands/switch-notification-endpoint/switch-notification-endpoint.command';
import { SwitchNotificationEndpointHandler } from '../application/commands/switch-notification-endpoint/switch-notification-endpoint.handler';
import { TestNotificationEndpointCommand } from '../application/commands/test-notification-endpoint/test-notification-endpoint.command';
import { TestNotificationEndpointHandler } from '../application/commands/test-notification-endpoint/test-notification-endpoint.handler';
import { NotificationEndpointsHandler } from '../application/queries/notification-endpoints/notification-endpoints.handler';
import { NotificationEndpointsQuery } from '../application/queries/notification-endpoints/notification-endpoints.query';
import type { EndpointWithNewSecret } from '../application/endpoint-results';
import { notificationErrorFilter } from './notification-error.filter';
import { endpointCursor, endpointPage, toEndpointGql, toTestResultGql } from './notification-endpoint-graphql.mapper';
import { NotificationEndpointInput } from './notification-endpoint.inputs';
import { EndpointTestResultGql, NotificationEndpointConnectionGql, NotificationEndpointGql, NotificationEndpointWithSecretGql } from './notification-endpoint.types';

const ENDPOINT_ADMINS: readonly Role[] = ['notification-admin', 'admin'];

const withSecret = (saved: EndpointWithNewSecret): NotificationEndpointWithSecretGql => ({ endpoint: toEndpointGql(saved.endpoint), secret: saved.secret });

/** Notification admins' webhook, Slack and Teams endpoints: configuration, secret rotation, switching, test messages. */
@Resolver(() => NotificationEndpointGql)
@UseFilters(notificationErrorFilter)
export class NotificationEndpointResolver {
  constructor(
    private readonly finder: NotificationEndpointsHandler,
    private readonly saver: SaveNotificationEndpointHandler,
    private readonly rotator: RotateEndpointSecretHandler,
    private readonly retirer: RetireEndpointSecretHandler,
    private readonly switcher: SwitchNotificationEndpointHandler,
    private readonly tester: TestNotificationEndpointHandler,
  ) {}

  @Query(() => NotificationEndpointConnectionGql, { description: 'Endpoints by name; secrets are never shown' })
  @Roles(...ENDPOINT_ADMINS)
  async notificationEndpoints(@Args('first', { type: () => Int, defaultValue: 50 }) first: number, @Args('after', { type: () => String, nullable: true }) after?: string | null): Promise<ConnectionOf<NotificationEndpointGql>> {
    const request = endpointPage({ first, after });
    return toConnection(await this.finder.execute(new NotificationEndpointsQuery(request.first, request.after)), endpointCursor, toEndpointGql);
  }

  @Mutation(() => NotificationEndpointWithSecretGql, { description: "Creates (no id; a webhook's first secret is answered once) or changes an endpoint's name and URL" })
  @Roles(...ENDPOINT_ADMINS)
  async saveNotificationEndpoint(@CurrentPrincipal() caller: Principal, @Args('input') input: NotificationEndpointInput, @Args('id', { type: () => ID, nullable: true }) id?: string | null): Promise<NotificationEndpointWithSecretGql> {
    return withSecret(await this.saver.execute(new SaveNotificationEndpointCommand(id ?? null, input, caller.userId)));
  }

  @Mutation(() => NotificationEndpointWithSecretGql, { description: 'Issues a new signing secret (answered once); both sign until the old one is retired' })
  @Roles(...ENDPOINT_ADMINS)
  async rotateWebhookSecret(@Args('endpointId', { type: () => ID }) endpointId: string): Promise<NotificationEndpointWithSecretGql> {
    return withSecret(await this.rotator.execute(new RotateEndpointSecretCommand(endpointId)));
  }

  @Mutation(() => NotificationEndpointGql, { description: 'Stops a secret signing (the end of a rotation); the last one stays' })
  @Roles(...ENDPOINT_ADMINS)
  async retireWebhookSecret(@Args('endpointId', { type: () => ID }) endpointId: string, @Args('secretId', { type: () => ID }) secretId: string): Promise<NotificationEndpointGql> {
    return toEndpointGql(await this.retirer.execute(new RetireEndpointSecretCommand(endpointId, secretId)));
  }

  @Mutation(() => NotificationEndpointGql, { description: 'Switches an endpoint on again (after a 410 once fixed): its notices are sent, not suppressed' })
  @Roles(...ENDPOINT_ADMINS)
  async enableNotificationEndpoint(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<NotificationEndpointGql> {
    return toEndpointGql(await this.switcher.execute(new SwitchNotificationEndpointCommand(id, true, caller.userId)));
  }

  @Mutation(() => NotificationEndpointGql, { description: "Switches an endpoint off: its notices are suppressed ('endpoint_disabled')" })
  @Roles(...ENDPOINT_ADMINS)
  async disableNotificationEndpoint(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<NotificationEndpointGql> {
    return toEndpointGql(await this.switcher.execute(new SwitchNotificationEndpointCommand(id, false, caller.userId)));
  }

  @Mutation(() => EndpointTestResultGql, { description: 'Sends a test message (signed, for webhooks) and answers what came of it' })
  @Roles(...ENDPOINT_ADMINS)
  async testNotificationEndpoint(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<EndpointTestResultGql> {
    return toTestResultGql(await this.tester.execute(new TestNotificationEndpointCommand(id, caller.userId)));
  }
}
