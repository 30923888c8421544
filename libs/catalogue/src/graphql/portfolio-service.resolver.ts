import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateServiceCommand } from '../application/commands/create-service/create-service.command';
import { CreateServiceHandler } from '../application/commands/create-service/create-service.handler';
import { DecideServiceApprovalCommand } from '../application/commands/decide-service-approval/decide-service-approval.command';
import { DecideServiceApprovalHandler } from '../application/commands/decide-service-approval/decide-service-approval.handler';
import { ProposeServiceGoLiveCommand } from '../application/commands/propose-service-go-live/propose-service-go-live.command';
import { ProposeServiceGoLiveHandler } from '../application/commands/propose-service-go-live/propose-service-go-live.handler';
import { RetireServiceCommand } from '../application/commands/retire-service/retire-service.command';
import { RetireServiceHandler } from '../application/commands/retire-service/retire-service.handler';
import { UpdateServiceCommand } from '../application/commands/update-service/update-service.command';
import { UpdateServiceHandler } from '../application/commands/update-service/update-service.handler';
import { FindServicesHandler } from '../application/queries/find-services/find-services.handler';
import { FindServicesQuery } from '../application/queries/find-services/find-services.query';
import { ServiceHandler } from '../application/queries/service/service.handler';
import { ServicesAwaitingApprovalHandler } from '../application/queries/services-awaiting-approval/services-awaiting-approval.handler';
import { ServicesAwaitingApprovalQuery } from '../application/queries/services-awaiting-approval/services-awaiting-approval.query';
import { catalogueErrorFilter } from './catalogue-error.filter';
import { portfolioPage, serviceCursor, toServiceGql } from './portfolio-graphql.mapper';
import { PortfolioServiceInput } from './portfolio.inputs';
import { CATALOGUE_ADMINS, CATALOGUE_BROWSERS, PORTFOLIO_MANAGERS } from './portfolio-role-sets';
import { PortfolioServiceConnectionGql, PortfolioServiceGql, ServiceApprovalVerdictGql } from './portfolio.types';

/** The service portfolio: services and offerings, the go-live approval, retirement. */
@Resolver(() => PortfolioServiceGql)
@UseFilters(catalogueErrorFilter)
export class PortfolioServiceResolver {
  constructor(
    private readonly finder: FindServicesHandler,
    private readonly reader: ServiceHandler,
    private readonly awaiting: ServicesAwaitingApprovalHandler,
    private readonly creator: CreateServiceHandler,
    private readonly updater: UpdateServiceHandler,
    private readonly proposer: ProposeServiceGoLiveHandler,
    private readonly decider: DecideServiceApprovalHandler,
    private readonly retirer: RetireServiceHandler,
  ) {}

  @Query(() => PortfolioServiceConnectionGql, { description: 'The portfolio by name' })
  @Roles(...CATALOGUE_BROWSERS)
  async services(@Args('first', { type: () => Int, defaultValue: 50 }) first: number, @Args('after', { type: () => String, nullable: true }) after?: string | null): Promise<ConnectionOf<PortfolioServiceGql>> {
    const request = portfolioPage('csvc', { first, after }, 200);
    return toConnection(await this.finder.execute(new FindServicesQuery(request.first, request.after)), serviceCursor, toServiceGql);
  }

  @Query(() => PortfolioServiceGql)
  @Roles(...CATALOGUE_BROWSERS)
  async service(@Args('id', { type: () => ID }) id: string): Promise<PortfolioServiceGql> {
    return toServiceGql(await this.reader.execute(id));
  }

  @Query(() => [PortfolioServiceGql], { description: 'Pipeline services waiting for the caller\'s go-live decision' })
  @Roles(...PORTFOLIO_MANAGERS)
  async pendingServiceApprovals(@CurrentPrincipal() caller: Principal): Promise<PortfolioServiceGql[]> {
    return (await this.awaiting.execute(new ServicesAwaitingApprovalQuery(caller))).map(toServiceGql);
  }

  @Mutation(() => PortfolioServiceGql, { description: 'Enters a service in the portfolio (pipeline)' })
  @Roles(...CATALOGUE_ADMINS)
  async createService(@CurrentPrincipal() caller: Principal, @Args('input') input: PortfolioServiceInput): Promise<PortfolioServiceGql> {
    return toServiceGql(await this.creator.execute(new CreateServiceCommand(caller, input)));
  }

  @Mutation(() => PortfolioServiceGql, { description: "Replaces a service's details: its owner or catalogue admins" })
  @Roles(...PORTFOLIO_MANAGERS)
  async updateService(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string, @Args('input') input: PortfolioServiceInput): Promise<PortfolioServiceGql> {
    return toServiceGql(await this.updater.execute(new UpdateServiceCommand(caller, id, input)));
  }

  @Mutation(() => PortfolioServiceGql, { description: 'Asks portfolio steering to take a pipeline service live (live at once when no policy applies)' })
  @Roles(...PORTFOLIO_MANAGERS)
  async proposeServiceGoLive(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<PortfolioServiceGql> {
    return toServiceGql(await this.proposer.execute(new ProposeServiceGoLiveCommand(caller, id)));
  }

  @Mutation(() => PortfolioServiceGql, { description: 'An approver of the pending go-live level decides' })
  @Roles(...PORTFOLIO_MANAGERS)
  async decideServiceApproval(
    @CurrentPrincipal() caller: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('decision', { type: () => ServiceApprovalVerdictGql }) decision: 'approved' | 'rejected',
    @Args('comment', { type: () => String, nullable: true }) comment?: string | null,
  ): Promise<PortfolioServiceGql> {
    return toServiceGql(await this.decider.execute(new DecideServiceApprovalCommand(caller, id, decision, comment ?? null)));
  }

  @Mutation(() => PortfolioServiceGql, { description: 'Live -> retired: its items are withdrawn; open requests finish' })
  @Roles(...PORTFOLIO_MANAGERS)
  async retireService(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string, @Args('reason', { type: () => String, nullable: true }) reason?: string | null): Promise<PortfolioServiceGql> {
    return toServiceGql(await this.retirer.execute(new RetireServiceCommand(caller, id, reason ?? null)));
  }
}
