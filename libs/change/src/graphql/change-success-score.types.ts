import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SCORE_GROUPINGS } from '../domain';
import type { ScoreGrouping } from '../domain';
import { ChangeSchema } from './change.schema-marker';

const registerIn = ChangeSchema;

/** MODEL, GROUP, SERVICE: the domain's groupings by their upper-case names (values are the domain's). */
export const ChangeScoreGroupingGql = Object.fromEntries(SCORE_GROUPINGS.map((g) => [g.toUpperCase(), g])) as { readonly [K in ScoreGrouping as Uppercase<K>]: K };
registerEnumType(ChangeScoreGroupingGql, { name: 'ChangeScoreGrouping', registerIn, description: 'What a change success score is computed per' });

@ObjectType('ChangeOutcomeCounts', { registerIn, description: 'Closed changes per close code' })
export class ChangeOutcomeCountsGql {
  @Field(() => Int) successful!: number;
  @Field(() => Int) successfulWithIssues!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) backedOut!: number;
}

@ObjectType('CausedIncidentCounts', { registerIn, description: 'Incidents the changes caused, per priority (P4 and P5 do not count)' })
export class CausedIncidentCountsGql {
  @Field(() => Int) p1!: number;
  @Field(() => Int) p2!: number;
  @Field(() => Int) p3!: number;
}

@ObjectType('ChangeSuccessScore', {
  registerIn,
  description: 'Over the changes closed in the period: +3 successful, -2 successful with issues, -5 failed or backed out, -10/-5/-2 per P1/P2/P3 incident caused',
})
export class ChangeSuccessScoreGql {
  @Field({ description: 'The model, the assignment group id or the service id' }) key!: string;
  @Field(() => Int) changes!: number;
  @Field(() => ChangeOutcomeCountsGql) outcomes!: ChangeOutcomeCountsGql;
  @Field(() => CausedIncidentCountsGql) incidents!: CausedIncidentCountsGql;
  @Field(() => Int) score!: number;
}
