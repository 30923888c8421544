import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { ScimError, toScimError } from './scim.errors';
import { refuse } from './scim-body.middleware';

/**
 * Every failure of a /scim/v2 request as a SCIM Error body (RFC 7644 §3.12): ScimError and
 * DirectoryError by their table, Nest's own HTTP exceptions (404 of a route, a refused JSON body)
 * by their status, anything else 500 with nothing leaked (logged).
 */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Scim');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const error = exception instanceof HttpException ? fromHttp(exception) : toScimError(exception);
    if (error.status >= 500) this.logger.error({ msg: 'SCIM request failed', err: exception });
    refuse(response, error);
  }
}

function fromHttp(exception: HttpException): ScimError {
  const status = exception.getStatus();
  return new ScimError(status, status === 400 ? 'invalidSyntax' : undefined, exception.message);
}
