import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ProposeImprovementHandler } from '../application/commands/propose-improvement/propose-improvement.handler';
import { SetImprovementStatusHandler } from '../application/commands/set-improvement-status/set-improvement-status.handler';
import { IMPROVEMENT_MANAGERS, IMPROVEMENT_READERS } from '../application/improvement-access';
import { ImprovementInitiativesHandler } from '../application/queries/improvement-initiatives/improvement-initiatives.handler';
import type { MeasuredImprovement } from '../application/queries/improvement-initiatives/improvement-initiatives.handler';
import { reportingError, ReportingErrorCode, reportOfMetric } from '../domain';
import type { ImprovementStatus, MeasuredReport, MeasureFilter, MeasuredValue } from '../domain';
import { ImprovementInitiativeGql, ImprovementStatusGql, ProposeImprovementInput } from './improvement.types';
import type { ImprovementMeasureInput } from './improvement.types';
import type { MeasuredValueGql } from './improvement.types';
import { toReportFilter } from './reporting.types';
import { reportingErrorFilter } from './reporting-error.filter';

const FILTER_FIELD: Readonly<Record<MeasuredReport, 'filter' | 'slaFilter' | 'changeFilter'>> = { incident: 'filter', sla: 'slaFilter', change: 'changeFilter' };

/** The measure's filter, from the input field of its metric's report (another one given: REPORTING.INVALID_INPUT naming it). */
function measureFilterOf(measure: ImprovementMeasureInput): MeasureFilter | null {
  const expected = FILTER_FIELD[reportOfMetric(measure.metric)];
  const stray = (['filter', 'slaFilter', 'changeFilter'] as const).find((field) => field !== expected && measure[field] != null);
  if (stray !== undefined) throw reportingError(ReportingErrorCode.InvalidInput, `a ${measure.metric} measure is filtered by measure.${expected}`, { field: `measure.${stray}` });
  return toReportFilter<string>(measure[expected]);
}

const valueGql = (value: MeasuredValue): MeasuredValueGql => ({ ...value, measuredAt: new Date(value.measuredAt) });

function toInitiativeGql({ improvement: i, current, progress, targetReached }: MeasuredImprovement): ImprovementInitiativeGql {
  return {
    id: i.id,
    title: i.title,
    description: i.description,
    ownerId: i.ownerId,
    status: i.status,
    measure: { ...i.measure, filter: i.measure.filter === null ? null : { ...i.measure.filter } },
    baseline: valueGql(i.baseline),
    current: valueGql(current),
    target: i.target,
    progress,
    targetReached,
    history: i.history.map((h) => ({ ...h, at: new Date(h.at) })),
    createdBy: i.createdBy,
    createdAt: new Date(i.createdAt),
    updatedAt: new Date(i.updatedAt),
    version: i.version,
  };
}

/** The continual improvement register: staff read it, managers register initiatives, managers or owners move them on. */
@Resolver()
@UseFilters(reportingErrorFilter)
export class ImprovementResolver {
  constructor(
    private readonly propose: ProposeImprovementHandler,
    private readonly setStatus: SetImprovementStatusHandler,
    private readonly initiatives: ImprovementInitiativesHandler,
  ) {}

  @Query(() => [ImprovementInitiativeGql], { description: 'The improvement register, newest first, each measured now' })
  @Roles(...IMPROVEMENT_READERS)
  async improvementInitiatives(@CurrentPrincipal() reader: Principal, @Args('status', { type: () => ImprovementStatusGql, nullable: true }) status?: ImprovementStatus | null): Promise<ImprovementInitiativeGql[]> {
    return (await this.initiatives.list(reader, status ?? null)).map(toInitiativeGql);
  }

  @Query(() => ImprovementInitiativeGql)
  @Roles(...IMPROVEMENT_READERS)
  async improvementInitiative(@CurrentPrincipal() reader: Principal, @Args('id', { type: () => ID }) id: string): Promise<ImprovementInitiativeGql> {
    return toInitiativeGql(await this.initiatives.one(reader, id));
  }

  @Mutation(() => ImprovementInitiativeGql, { description: 'Registers an initiative; its baseline is the measure now' })
  @Roles(...IMPROVEMENT_MANAGERS)
  async proposeImprovement(@CurrentPrincipal() reader: Principal, @Args('input', { type: () => ProposeImprovementInput }) input: ProposeImprovementInput): Promise<ImprovementInitiativeGql> {
    const saved = await this.propose.execute(reader, {
      title: input.title,
      description: input.description,
      ownerId: input.ownerId,
      measure: { metric: input.measure.metric, windowDays: input.measure.windowDays, timeZone: input.measure.timeZone, filter: measureFilterOf(input.measure) },
      target: { value: input.target.value, direction: input.target.direction, due: input.target.due ?? null },
    });
    return toInitiativeGql(await this.initiatives.measured(reader, saved, saved.createdAt));
  }

  @Mutation(() => ImprovementInitiativeGql, { description: 'Moves an initiative on (managers, admins, its owner), at the version read' })
  @Roles(...IMPROVEMENT_READERS)
  async setImprovementStatus(
    @CurrentPrincipal() reader: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('status', { type: () => ImprovementStatusGql }) status: ImprovementStatus,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<ImprovementInitiativeGql> {
    const changed = await this.setStatus.execute(reader, id, status, version);
    return toInitiativeGql(await this.initiatives.measured(reader, changed, changed.updatedAt));
  }
}
