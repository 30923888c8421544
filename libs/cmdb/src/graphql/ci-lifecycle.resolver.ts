import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { InputTextArgs } from '@itsm/platform/graphql';
import { Inject, UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { ReportDiscoveredCiCommand, ReportDiscoveredCiHandler, RetireCiCommand, RetireCiHandler, UpdateCiCommand, UpdateCiHandler } from '../application/commands';
import { CmdbDataModelService } from '../application/cmdb-data-model.service';
import type { ReconcileResult } from '../application/command-results';
import { ConfigurationItemHandler, ConfigurationItemQuery } from '../application/queries';
import { CmdbError, CmdbErrorCode, coerceAttributes } from '../domain';
import { AttributeInput, DiscoveredCiInput } from './cmdb.inputs';
import { ConfigurationItemGql, ReconcileResultGql } from './cmdb.types';
import { toCiGql } from './cmdb-graphql.mapper';
import { cmdbErrorFilter } from './cmdb-error.filter';
import { CMDB_ADMINS, CMDB_EDITORS } from './role-sets';

function direction(value: string): 'outbound' | 'inbound' {
  if (value !== 'outbound' && value !== 'inbound') throw new CmdbError(CmdbErrorCode.InvalidInput, `direction is outbound or inbound, not ${value}`);
  return value;
}

/** A CI's life: reported by discovery (created or reconciled), edited by hand, retired. */
@Resolver(() => ConfigurationItemGql)
@UseFilters(cmdbErrorFilter)
export class CiLifecycleResolver {
  constructor(
    private readonly configurationItemOf: ConfigurationItemHandler,
    private readonly reportDiscoveredCiHandler: ReportDiscoveredCiHandler,
    private readonly updateCi: UpdateCiHandler,
    private readonly retireCi: RetireCiHandler,
    private readonly dataModel: CmdbDataModelService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Mutation(() => ReconcileResultGql, { description: 'Reports a CI from a discovery source: identified, then created or reconciled under source precedence' })
  @Roles(...CMDB_ADMINS)
  async reportDiscoveredCi(@Args('input') input: DiscoveredCiInput, @CurrentPrincipal() principal: Principal): Promise<ReconcileResultGql> {
    const typed = await this.dataModel.withDataModel((dataModel) => ({
      attributes: coerceAttributes(dataModel, input.classId, input.attributes),
      relationships: input.relationships.map((r) => ({ typeId: r.typeId, direction: direction(r.direction), classId: r.classId, identifiers: coerceAttributes(dataModel, r.classId, r.identifiers) })),
    }));
    const result = await this.reportDiscoveredCiHandler.execute(new ReportDiscoveredCiCommand({ source: input.source, classId: input.classId, ...typed, by: principal.userId, at: this.clock.now().toISOString() }));
    return this.toResult(result);
  }

  @Mutation(() => ReconcileResultGql, { description: 'Edits a CI by hand (source manual); null clears an attribute' })
  @Roles(...CMDB_EDITORS)
  async updateConfigurationItem(
    @Args('id', { type: () => ID }) id: string,
    @Args('attributes', { type: () => [AttributeInput] }) attributes: AttributeInput[],
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReconcileResultGql> {
    const ci = await this.configurationItemOf.execute(new ConfigurationItemQuery(id));
    const typed = await this.dataModel.withDataModel((dataModel) => coerceAttributes(dataModel, ci.classId, attributes));
    return this.toResult(await this.updateCi.execute(new UpdateCiCommand(id, typed, principal.userId)));
  }

  @Mutation(() => ConfigurationItemGql, { description: 'Retires a CI: kept with its history, out of impact analysis, relationships removed' })
  @Roles(...CMDB_EDITORS)
  @InputTextArgs({ reason: 'text' })
  async retireConfigurationItem(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @CurrentPrincipal() principal: Principal): Promise<ConfigurationItemGql> {
    if (reason.length > 500) throw new CmdbError(CmdbErrorCode.InvalidInput, 'a reason has at most 500 characters');
    return toCiGql(this.dataModel.current(), await this.retireCi.execute(new RetireCiCommand(id, reason, principal.userId)));
  }

  private toResult(result: ReconcileResult): ReconcileResultGql {
    return {
      ci: toCiGql(this.dataModel.current(), result.ci),
      outcome: result.outcome,
      heldAttributes: result.held.map((h) => ({ ...h })),
      identificationConflicts: result.identificationConflicts.map((c) => ({ ...c })),
      relationships: result.relationships.map((r) => ({ ...r })),
    };
  }
}
