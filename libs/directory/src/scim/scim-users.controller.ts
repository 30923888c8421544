import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { ProvisioningClient } from '../domain';
import { ScimClient, ScimClientGuard } from './scim-client.guard';
import { ScimExceptionFilter } from './scim-exception.filter';
import { readQuery, SCIM_ROOT, scimBaseUrl, scimHeaders } from './scim-http';
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
  async create(@ScimClient() client: ProvisioningClient, @Body() body: unknown, @Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const person = await this.users.create(client, body);
    const user = toScimUser(person, scimBaseUrl(request));
    scimHeaders(reply, person.version);
    reply.header('Location', `${scimBaseUrl(request)}/Users/${person.id}`);
    return user;
  }

  @Get()
  async list(@ScimClient() client: ProvisioningClient, @Query() query: Record<string, unknown>, @Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimListResponse> {
    const { filter, page, project } = readQuery(query);
    const found = await this.users.list(client, filter, page);
    const baseUrl = scimBaseUrl(request);
    scimHeaders(reply);
    return listResponse(found.items.map((person) => project(toScimUser(person, baseUrl))), found.total, page.startIndex);
  }

  @Get(':id')
  async get(@ScimClient() client: ProvisioningClient, @Param('id') id: string, @Query() query: Record<string, unknown>, @Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): Promise<ScimJson> {
    const person = await this.users.get(client, id);
    scimHeaders(reply, person.version);
    return readQuery(query).project(toScimUser(person, scimBaseUrl(request)));
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
    const person = await this.users.replace(client, id, body, ifMatch);
    scimHeaders(reply, person.version);
    return toScimUser(person, scimBaseUrl(request));
  }

  @Patch(':id')
  async patch(
    @ScimClient() client: ProvisioningClient,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) reply: ScimReply,
  ): Promise<ScimJson> {
    const person = await this.users.patch(client, id, body, ifMatch, scimBaseUrl(request));
    scimHeaders(reply, person.version);
    return toScimUser(person, scimBaseUrl(request));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@ScimClient() client: ProvisioningClient, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.users.delete(client, id, ifMatch);
  }
}
