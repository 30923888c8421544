import { Controller, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { SupplierInboundPipeline } from '../application/supplier-inbound/supplier-inbound.pipeline';
import type { SignedBodyCarrier } from './supplier-inbound-body.middleware';
import { SupplierInboundExceptionFilter } from './supplier-inbound-exception.filter';
import { answerInboundPost, SUPPLIER_INBOUND_RESOURCE, SUPPLIER_INBOUND_ROOT } from './supplier-inbound-http';
import type { InboundAcceptedJson, InboundErrorJson } from './supplier-inbound-http';

/** The part of Express's reply the endpoint sets. */
interface InboundReply {
  status(code: number): unknown;
}

/**
 * POST /tmf-api/supplier/v1/{supplierId}/troubleTicketEvent: a supplier's signed CloudEvent in,
 * 202/200 with the update id or a typed refusal out. No bearer token: the Standard Webhooks
 * signature by the path's supplier's keys is the authentication.
 */
@Controller(SUPPLIER_INBOUND_ROOT)
@UseFilters(SupplierInboundExceptionFilter)
export class SupplierInboundController {
  constructor(private readonly pipeline: SupplierInboundPipeline) {}

  @Post(SUPPLIER_INBOUND_RESOURCE)
  async post(@Param('supplierId') supplierId: string, @Req() request: SignedBodyCarrier, @Res({ passthrough: true }) reply: InboundReply): Promise<InboundAcceptedJson | InboundErrorJson> {
    if (request.signedBody === undefined) throw new Error('the supplier inbound body middleware did not run');
    const answer = await answerInboundPost(this.pipeline, supplierId, request.headers, request.signedBody);
    reply.status(answer.status);
    return answer.body;
  }
}
