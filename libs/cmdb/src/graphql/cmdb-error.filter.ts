import { PersistenceError } from '@itsm/platform/persistence';
import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { CmdbError, CmdbErrorCode } from '../domain';

/** Domain codes to `extensions.code` (e.g. CMDB.FORBIDDEN_RELATIONSHIP) with the fields in `extensions.details`. */
@Catch(CmdbError, PersistenceError)
export class CmdbErrorFilter implements GqlExceptionFilter {
  catch(error: CmdbError | PersistenceError): GraphQLError {
    if (error instanceof PersistenceError) {
      return new GraphQLError('the record changed concurrently; try again', { extensions: { code: CmdbErrorCode.Conflict } });
    }
    return new GraphQLError(error.message, { extensions: { code: error.code, details: error.details } });
  }
}
