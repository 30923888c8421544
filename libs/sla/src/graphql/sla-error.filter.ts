import { PersistenceError } from '@itsm/platform/persistence';
import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { SlaError, SlaErrorCode } from '../domain';

/** Domain codes to `extensions.code` (e.g. SLA.INVALID_DEFINITION) with the fields in `extensions.details`. */
@Catch(SlaError, PersistenceError)
export class SlaErrorFilter implements GqlExceptionFilter {
  catch(error: SlaError | PersistenceError): GraphQLError {
    if (error instanceof PersistenceError) {
      return new GraphQLError('the record changed concurrently; try again', { extensions: { code: SlaErrorCode.Conflict } });
    }
    return new GraphQLError(error.message, { extensions: { code: error.code, details: error.details } });
  }
}
