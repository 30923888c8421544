import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { GatewayErrorCode, gatewayError } from './gateway.errors';
import type { QueryLimits } from './gateway-env';

/**
 * graphql-armor throws from inside graphql-js's validation by default, which Apollo would answer as
 * an internal error; reporting instead makes it a regular validation error (HTTP 400) carrying our code.
 */
function reportAs(reason: GatewayErrorCode): (context: ValidationContext | null, error: GraphQLError) => void {
  return (context, error) => context?.reportError(gatewayError(reason, error.message.replace(/^Syntax Error: /, '')));
}

/** Depth, cost and alias limits as validation rules: an operation over any of them never reaches a subgraph. */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, onReject: [reportAs(GatewayErrorCode.MaxDepth)] }),
    costLimitRule({ ...common, maxCost: limits.maxCost, ignoreIntrospection: true, onReject: [reportAs(GatewayErrorCode.MaxCost)] }),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [reportAs(GatewayErrorCode.MaxAliases)] }),
  ] as ValidationRule[];
}
