import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { ChangeError, ChangeErrorCode } from '../domain';
import { gateErrorBody, gateErrorStatus, refuseGate } from './gate-http';

/**
 * Every refused gate request as a typed JSON error: ChangeError by its code (401 UNAUTHENTICATED,
 * 429 TOO_MANY with Retry-After, 400 INVALID_INPUT, ...), Nest's own HTTP exceptions by their status,
 * anything else 503 CHANGE.UNAVAILABLE with nothing leaked (logged): a pipeline denies and retries.
 */
@Catch()
export class GateExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DeploymentGate');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    if (exception instanceof ChangeError) {
      const retryAfter = exception.details['retryAfterSeconds'];
      refuseGate(response, gateErrorStatus(exception.code), gateErrorBody(exception.code, exception.message, exception.details), typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : {});
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      refuseGate(response, exception.getStatus(), gateErrorBody(ChangeErrorCode.InvalidInput, exception.message));
      return;
    }
    this.logger.error({ msg: 'gate request failed', err: exception });
    refuseGate(response, 503, gateErrorBody(ChangeErrorCode.Unavailable, 'the deployment gate cannot answer now; retry later'));
  }
}
