import { Clock } from '@itsm/platform/config';
import { PersistenceError, PersistenceErrorCode, retryOnConflict } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { MAX_ORGANISATION_DEPTH, normaliseOrganisation, saveOrganisation } from '../../../domain';
import type { Organisation } from '../../../domain';
import { organisationErrors, requireUnbound } from '../../directory-command.errors';
import { ORGANISATION_STORE } from '../../ports/directory-stores.port';
import type { OrganisationStore } from '../../ports/directory-stores.port';
import type { SaveOrganisationCommand } from './save-organisation.command';

/**
 * Creates or updates an organisation (admins, demo data): organisation-saved when new or changed.
 * The parent must exist and not be below it (its chain is read upwards to refuse a cycle).
 */
@Injectable()
export class SaveOrganisationHandler {
  constructor(
    @Inject(ORGANISATION_STORE) private readonly organisations: OrganisationStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ actor, organisation: input }: SaveOrganisationCommand): Promise<Organisation> {
    requireUnbound(actor.organisationId, 'save organisations');
    const organisation = normaliseOrganisation(input);
    return await retryOnConflict(async () => {
      const ancestors = await this.ancestorsFrom(organisation.parentId);
      const loaded = await this.organisations.load(organisation.id);
      const { aggregate, events } = saveOrganisation(loaded?.aggregate, organisation, ancestors, actor.by, this.clock.now());
      if (events.length === 0) return aggregate;
      if (loaded === undefined) {
        try {
          await this.organisations.create(aggregate, events);
        } catch (error) {
          // Created meanwhile by another writer: decide again as an update.
          if (error instanceof PersistenceError && error.code === PersistenceErrorCode.AlreadyExists) throw new PersistenceError(PersistenceErrorCode.Conflict, error.message);
          throw error;
        }
      } else await this.organisations.save(loaded, aggregate, events);
      return aggregate;
    }, () => organisationErrors.conflict(organisation.id));
  }

  /** The parent and its parents upwards (stops at a repeat or beyond the depth bound). */
  private async ancestorsFrom(parentId: string | null): Promise<string[]> {
    const chain: string[] = [];
    let next = parentId;
    while (next !== null && !chain.includes(next) && chain.length <= MAX_ORGANISATION_DEPTH) {
      const parent = await this.organisations.load(next);
      if (parent === undefined) {
        if (chain.length === 0) throw organisationErrors.notFound(next);
        break;
      }
      chain.push(next);
      next = parent.aggregate.parentId;
    }
    return chain;
  }
}
