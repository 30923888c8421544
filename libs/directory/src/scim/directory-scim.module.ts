import { Module, RequestMethod } from '@nestjs/common';
import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { ScimBodyMiddleware } from './scim-body.middleware';
import { ScimClientGuard } from './scim-client.guard';
import { ScimDiscoveryController } from './scim-discovery.controller';
import { ScimGroupsController } from './scim-groups.controller';
import { ScimGroupsService } from './scim-groups.service';
import { SCIM_ROOT } from './scim-http';
import { ScimUsersController } from './scim-users.controller';
import { ScimUsersService } from './scim-users.service';

/**
 * The SCIM 2.0 service provider at /scim/v2 (RFC 7643/7644). Imported by the DirectoryModule, whose
 * exports it uses (that module is global within its app): the queries, the command handlers and
 * the ProvisioningClientAuthenticator.
 */
@Module({
  controllers: [ScimDiscoveryController, ScimUsersController, ScimGroupsController],
  providers: [ScimUsersService, ScimGroupsService, ScimClientGuard],
})
export class DirectoryScimModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ScimBodyMiddleware).forRoutes({ path: `${SCIM_ROOT}/*path`, method: RequestMethod.ALL });
  }
}
