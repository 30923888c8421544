import { Catch, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { GraphQLError } from 'graphql';
import { AuthDenial } from './auth.errors';

/**
 * Denials are expected answers, not faults: one warn line (code, reason, message, no stack) for the
 * operator, and the error goes to the client unchanged. Through Nest's Logger, so the line carries
 * the name of the service that refused (the service kit routes it) and the request's correlation id.
 */
@Catch(AuthDenial)
export class AuthDenialFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('Auth');

  catch(denial: AuthDenial): GraphQLError {
    this.logger.warn({ msg: 'request denied', code: denial.extensions['code'], reason: denial.reason, detail: denial.message });
    return denial;
  }
}
