import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ScimCallContext, ScimClientGuard } from './scim-client.guard';
import type { ScimCall } from './scim-client.guard';
import { ScimExceptionFilter } from './scim-exception.filter';
import { readQuery, SCIM_ROOT, scimHeaders } from './scim-http';
import type { ScimReply } from './scim-http';
import type { ScimJson } from './scim-json';
import { listResponse } from './scim-list';
import type { ScimListResponse } from './scim-list';
import { toScimUser } from './scim-user.mapper';
import { ScimUsersService } from './scim-users.service';

/** /scim/v2/Users (RFC 7644 §3): thin HTTP over ScimUsersService. */
@Controller(`${SCIM_ROOT}/Users`)
@UseGuards(ScimClientGuard)
@UseFilters(ScimExceptionFilter)
export class ScimUsersController {
  constructor(private readonly users: ScimUsersService) {}

  @Post()
  async create(@ScimCallContext() call: ScimCall, @Body() body: unknown, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const person = await this.users.create(call.client, body);
    scimHeaders(reply, person.version);
    reply.header('Location', `${call.baseUrl}/Users/${person.id}`);
    return toScimUser(person, call.baseUrl);
  }

  @Get()
  async list(@ScimCallContext() call: ScimCall, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimListResponse> {
    const { filter, page, project } = readQuery(query);
    const found = await this.users.list(call.client, filter, page);
    scimHeaders(reply);
    return listResponse(found.items.map((person) => project(toScimUser(person, call.baseUrl))), found.total, page.startIndex);
  }

  @Get(':id')
  async get(@ScimCallContext() call: ScimCall, @Param('id') id: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const person = await this.users.get(call.client, id);
    scimHeaders(reply, person.version);
    return readQuery(query).project(toScimUser(person, call.baseUrl));
  }

  /** PUT replaces the User (Okta's update). */
  @Put(':id')
  async replace(@ScimCallContext() call: ScimCall, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const person = await this.users.replace(call.client, id, body, call.ifMatch);
    scimHeaders(reply, person.version);
    return toScimUser(person, call.baseUrl);
  }

  /** PATCH answers the whole User (200). */
  @Patch(':id')
  async patch(@ScimCallContext() call: ScimCall, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const person = await this.users.patch(call.client, id, body, call.ifMatch, call.baseUrl);
    scimHeaders(reply, person.version);
    return toScimUser(person, call.baseUrl);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@ScimCallContext() call: ScimCall, @Param('id') id: string): Promise<void> {
    await this.users.delete(call.client, id, call.ifMatch);
  }
}
