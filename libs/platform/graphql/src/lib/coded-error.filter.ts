import { CodedError } from '@itsm/contracts';
import type { ErrorKind, ErrorKinds } from '@itsm/contracts';
import { PersistenceError } from '@itsm/platform/persistence';
import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { InputTextError } from './input-text';

export interface CodedErrorFilterOptions<C extends string> {
  /** The context's exhaustive code-to-kind map (the one its dead-letter decisions use too). */
  readonly kinds: ErrorKinds<C>;
  /** The context's code for a write that lost an optimistic-concurrency race in a repository. */
  readonly concurrencyCode: C;
}

/**
 * The one edge mapper from coded errors to GraphQL errors, one instance per context
 * (`@UseFilters(incidentErrorFilter)`): `extensions.code` is the domain code
 * (`INCIDENT.ILLEGAL_TRANSITION`), `extensions.details` its fields, `extensions.kind` what it
 * means to a client (`illegal_state`). Anything else is left to Apollo, which hides internals in
 * production.
 */
@Catch(CodedError, PersistenceError)
export class CodedErrorFilter<C extends string> implements GqlExceptionFilter {
  constructor(private readonly options: CodedErrorFilterOptions<C>) {}

  catch(error: CodedError | PersistenceError): GraphQLError {
    if (error instanceof PersistenceError) {
      const code = this.options.concurrencyCode;
      return new GraphQLError('the record changed concurrently; try again', { extensions: { code, kind: this.options.kinds[code] } });
    }
    const kind = this.kindOf(error);
    return new GraphQLError(error.message, { extensions: { code: error.code, details: error.details, ...(kind === undefined ? {} : { kind }) } });
  }

  private kindOf(error: CodedError): ErrorKind | undefined {
    if (error instanceof InputTextError) return 'invalid_input';
    const kinds: Readonly<Record<string, ErrorKind>> = this.options.kinds;
    return Object.hasOwn(kinds, error.code) ? kinds[error.code] : undefined;
  }
}
