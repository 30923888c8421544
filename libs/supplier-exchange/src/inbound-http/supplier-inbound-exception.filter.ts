import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { SupplierExchangeErrorCode } from '../domain';
import { inboundError, writeInboundAnswer } from './supplier-inbound-http';

/**
 * Every failure of a supplier's POST as the endpoint's JSON error: Nest's own HTTP exceptions by their
 * status (INVALID_MESSAGE), anything else 503 SUPPLIER_EXCHANGE.UNAVAILABLE with nothing leaked
 * (logged): nothing was applied, and the supplier retries the same message (its id makes it safe).
 */
@Catch()
export class SupplierInboundExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('SupplierInbound');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      writeInboundAnswer(response, { status: exception.getStatus(), body: inboundError(SupplierExchangeErrorCode.InvalidMessage, 'bad_request', exception.message) });
      return;
    }
    this.logger.error({ msg: 'supplier inbound request failed', err: exception });
    writeInboundAnswer(response, { status: 503, body: inboundError(SupplierExchangeErrorCode.Unavailable, 'unavailable', 'the supplier exchange cannot take the message now; retry it later') });
  }
}
