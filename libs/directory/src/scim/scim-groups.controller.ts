import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ScimCallContext, ScimClientGuard } from './scim-client.guard';
import type { ScimCall } from './scim-client.guard';
import { ScimExceptionFilter } from './scim-exception.filter';
import { readQuery, SCIM_ROOT, scimHeaders } from './scim-http';
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
  async create(@ScimCallContext() call: ScimCall, @Body() body: unknown, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const group = await this.groups.create(call.client, body);
    scimHeaders(reply, group.version);
    reply.header('Location', `${call.baseUrl}/Groups/${group.id}`);
    return toScimGroup(group, call.baseUrl);
  }

  /** `excludedAttributes=members` (Entra ID's way) leaves the member lists out. */
  @Get()
  async list(@ScimCallContext() call: ScimCall, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimListResponse> {
    const read = readQuery(query);
    const found = await this.groups.list(call.client, read.filter, read.page);
    const options = { members: !read.excludes('members') };
    scimHeaders(reply);
    return listResponse(found.items.map((group) => read.project(toScimGroup(group, call.baseUrl, options))), found.total, read.page.startIndex);
  }

  @Get(':id')
  async get(@ScimCallContext() call: ScimCall, @Param('id') id: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const read = readQuery(query);
    const group = await this.groups.get(call.client, id);
    scimHeaders(reply, group.version);
    return read.project(toScimGroup(group, call.baseUrl, { members: !read.excludes('members') }));
  }

  @Put(':id')
  async replace(@ScimCallContext() call: ScimCall, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const group = await this.groups.replace(call.client, id, body, call.ifMatch);
    scimHeaders(reply, group.version);
    return toScimGroup(group, call.baseUrl);
  }

  @Patch(':id')
  @HttpCode(204)
  async patch(@ScimCallContext() call: ScimCall, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) reply: ScimReply): Promise<void> {
    const group = await this.groups.patch(call.client, id, body, call.ifMatch);
    scimHeaders(reply, group.version);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@ScimCallContext() call: ScimCall, @Param('id') id: string): Promise<void> {
    await this.groups.delete(call.client, id, call.ifMatch);
  }
}
