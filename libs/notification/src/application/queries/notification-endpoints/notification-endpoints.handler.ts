import type { Page } from '@itsm/platform/graphql';
import { Injectable } from '@nestjs/common';
import type { NotificationEndpoint } from '../../../domain/endpoints';
import { NotificationEndpointStore } from '../../ports/endpoint-store.port';
import type { NotificationEndpointsQuery } from './notification-endpoints.query';

@Injectable()
export class NotificationEndpointsHandler {
  constructor(private readonly endpoints: NotificationEndpointStore) {}

  execute(query: NotificationEndpointsQuery): Promise<Page<NotificationEndpoint>> {
    return this.endpoints.page(query.first, query.after);
  }
}
