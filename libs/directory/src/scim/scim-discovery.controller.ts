import { Controller, Get, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ScimClientGuard } from './scim-client.guard';
import { ScimError } from './scim.errors';
import { resourceTypes, schemaDocuments, serviceProviderConfig } from './scim-discovery';
import { ScimExceptionFilter } from './scim-exception.filter';
import { SCIM_ROOT, scimBaseUrl, scimHeaders } from './scim-http';
import type { ScimReply } from './scim-http';
import type { ScimJson } from './scim-json';
import { listResponse } from './scim-list';
import type { ScimListResponse } from './scim-list';

/** ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4), behind the same provisioning token. */
@Controller(SCIM_ROOT)
@UseGuards(ScimClientGuard)
@UseFilters(ScimExceptionFilter)
export class ScimDiscoveryController {
  @Get('ServiceProviderConfig')
  config(@Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): ScimJson {
    scimHeaders(reply);
    return serviceProviderConfig(scimBaseUrl(request));
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): ScimListResponse {
    scimHeaders(reply);
    const all = resourceTypes(scimBaseUrl(request));
    return listResponse(all, all.length, 1);
  }

  @Get('ResourceTypes/:id')
  resourceType(@Param('id') id: string, @Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): ScimJson {
    scimHeaders(reply);
    return one(resourceTypes(scimBaseUrl(request)), id, 'ResourceType');
  }

  @Get('Schemas')
  schemas(@Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): ScimListResponse {
    scimHeaders(reply);
    const all = schemaDocuments(scimBaseUrl(request));
    return listResponse(all, all.length, 1);
  }

  @Get('Schemas/:id')
  schema(@Param('id') id: string, @Req() request: IncomingMessage, @Res({ passthrough: true }) reply: ScimReply): ScimJson {
    scimHeaders(reply);
    return one(schemaDocuments(scimBaseUrl(request)), id, 'Schema');
  }
}

function one(documents: readonly ScimJson[], id: string, what: string): ScimJson {
  const found = documents.find((document) => typeof document['id'] === 'string' && document['id'].toLowerCase() === id.toLowerCase());
  if (found === undefined) throw new ScimError(404, undefined, `No ${what} "${id}".`);
  return found;
}
