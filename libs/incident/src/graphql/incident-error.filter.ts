import { PersistenceError } from '@itsm/platform/persistence';
import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { IncidentError, IncidentErrorCode } from '../domain';

/**
 * The one edge mapper from domain error codes to GraphQL errors: `extensions.code` is the domain code
 * (e.g. INCIDENT.ILLEGAL_TRANSITION), `extensions.details` its fields. Anything else is left to Apollo,
 * which hides internals in production.
 */
@Catch(IncidentError, PersistenceError)
export class IncidentErrorFilter implements GqlExceptionFilter {
  catch(error: IncidentError | PersistenceError): GraphQLError {
    if (error instanceof PersistenceError) {
      return new GraphQLError('the record changed concurrently; try again', { extensions: { code: IncidentErrorCode.Conflict } });
    }
    return new GraphQLError(error.message, { extensions: { code: error.code, details: error.details } });
  }
}
