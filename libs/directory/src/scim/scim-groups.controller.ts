import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { ProvisioningClient } from '../domain';
import { ScimClient, ScimClientGuard } from './scim-client.guard';
import { ScimExceptionFilter } from './scim-exception.filter';
import { readQuery, SCIM_ROOT, scimBaseUrl, scimHeaders } from './scim-http';
import type { ScimReply } from './scim-http';
import type { ScimJson } from './scim-json';
import { toScimGroup } from './scim-group.mapper';
import { listResponse } from './scim-list';
import type { ScimListResponse } from './scim-list';
import { ScimGroupsService } from './scim-groups.service';

/**
 * /scim/v2/Groups (RFC 7644 §3): thin HTTP over ScimGroupsService. A PATCH answers 204 with the
 * new ETag (RFC 7644 §3.5.2 allows it): a group of 100,000 members is not sent back for each batch.
 */
@Controller(`${SCIM_ROOT}/Groups`)
@UseGuards(ScimClientGuard)
@UseFilters(ScimExceptionFilter)
export class ScimGroupsController {
  constructor(private readonly groups: ScimGroupsService) {}

  @Post()
  async create(@ScimClient() client: ProvisioningClient, @Body() body: unknown, @Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const group = await this.groups.create(client, body);
    scimHeaders(reply, group.version);
    reply.header('Location', `${scimBaseUrl(request)}/Groups/${group.id}`);
    return toScimGroup(group, scimBaseUrl(request));
  }

  @Get()
  async list(@ScimClient() client: ProvisioningClient, @Query() query: Record<string, unknown>, @Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimListResponse> {
    const read = readQuery(query);
    const found = await this.groups.list(client, read.filter, read.page);
    const options = { members: !read.excludes('members') };
    scimHeaders(reply);
    return listResponse(found.items.map((group) => read.project(toScimGroup(group, scimBaseUrl(request), options))), found.total, read.page.startIndex);
  }

  @Get(':id')
  async get(@ScimClient() client: ProvisioningClient, @Param('id') id: string, @Query() query: Record<string, unknown>, @Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const read = readQuery(query);
    const group = await this.groups.get(client, id);
    scimHeaders(reply, group.version);
    return read.project(toScimGroup(group, scimBaseUrl(request), { members: !read.excludes('members') }));
  }

  @Put(':id')
  async replace(
    @ScimClient() client: ProvisioningClient,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) reply: ScimReply,
  ): Promise<ScimJson> {
    const group = await this.groups.replace(client, id, body, ifMatch);
    scimHeaders(reply, group.version);
    return toScimGroup(group, scimBaseUrl(request));
  }

  @Patch(':id')
  @HttpCode(204)
  async patch(
    @ScimClient() client: ProvisioningClient,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: ScimReply,
  ): Promise<void> {
    const group = await this.groups.patch(client, id, body, ifMatch);
    scimHeaders(reply, group.version);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@ScimClient() client: ProvisioningClient, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.groups.delete(client, id, ifMatch);
  }
}
