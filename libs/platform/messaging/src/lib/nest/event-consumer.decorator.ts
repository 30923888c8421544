import { applyDecorators, Catch, Controller, UseFilters } from '@nestjs/common';
import type { RpcExceptionFilter } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { throwError } from 'rxjs';

/**
 * Hands a handler's error to the bus unchanged: Nest's default RPC filter would replace it with
 * `{ status: 'error', message: 'Internal server error' }`, and the dead letter would lose its code
 * and reason.
 */
@Catch()
export class RethrowToBusFilter implements RpcExceptionFilter<unknown> {
  catch(error: unknown): Observable<never> {
    return throwError(() => error);
  }
}

/** Marks a class of `@EventPattern(topic)` handlers: their errors reach the retry/dead-letter path intact. */
export function EventConsumer(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(RethrowToBusFilter));
}
