import { bootContextForSpec } from '@itsm/platform/service';
import type { Role } from '@itsm/platform/auth';
import type { SpecContext, SpecGraphqlAnswer } from '@itsm/platform/service';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import { DirectoryFeed, testPeers } from '@itsm/testing';
import { ProjectDirectoryEventCommand } from '../application/commands/project-directory-event/project-directory-event.command';
import { ProjectDirectoryEventHandler } from '../application/commands/project-directory-event/project-directory-event.handler';
import { catalogueContext } from '../catalogue.context';
import { catalogueDirectory } from './catalogue-directory';

export type { SpecGraphqlAnswer as GraphqlAnswer } from '@itsm/platform/service';

export interface BootCatalogueOptions {
  /** Project `catalogueDirectory`'s people and groups (default true). */
  readonly directory?: boolean;
}

/** The catalogue context booted for an integration spec (`published`: `itsm.service.v1` and `itsm.request.v1`). */
export interface BootedCatalogueContext extends SpecContext {
  /** Applies directory events to the context's projection, as its consumer does. */
  projectDirectory(...events: DirectoryEvent[]): Promise<void>;
  /** GraphQL as one of `catalogueDirectory`'s personas, with its roles (PERSONA_ROLES; anyone else a requester); tokens cached. */
  as(who: string, query: string, variables?: Record<string, unknown>): Promise<SpecGraphqlAnswer>;
  /** The first field's data of `as`; throws with the errors when there are any. */
  ok<T>(who: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** The roles (and organisation claim) of the personas that are not plain requesters. */
const PERSONA_ROLES: Readonly<Record<string, { readonly roles: readonly Role[]; readonly org?: string }>> = {
  'p-catadmin': { roles: ['catalogue-admin'] },
  'p-fulfiller': { roles: ['agent'] },
  'p-supplier': { roles: ['supplier-agent'], org: 'fabrikam' },
};

/** Boots the catalogue context on the peers with `catalogueDirectory`'s people: the setup every catalogue integration spec shares. */
export async function bootCatalogueContext(options: BootCatalogueOptions = {}): Promise<BootedCatalogueContext> {
  const booted = await bootContextForSpec(catalogueContext, { mongoUrl: testPeers().mongoUrl, settings: {}, probeTopics: ['itsm.service.v1', 'itsm.request.v1'] });
  const projectDirectory: BootedCatalogueContext['projectDirectory'] = async (...events) => {
    for (const event of events) await booted.app.get(ProjectDirectoryEventHandler).execute(new ProjectDirectoryEventCommand(event));
  };
  if (options.directory ?? true) await projectDirectory(...catalogueDirectory(new DirectoryFeed()));
  const tokens = new Map<string, Promise<string>>();
  const as: BootedCatalogueContext['as'] = async (who, query, variables = {}) => {
    let token = tokens.get(who);
    if (token === undefined) {
      const persona = PERSONA_ROLES[who] ?? { roles: ['requester'] };
      tokens.set(who, (token = booted.token(who, persona.roles, persona.org)));
    }
    return booted.graphql(await token, query, variables);
  };
  const ok = async <T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const answer = await as(who, query, variables);
    if (answer.errors !== undefined) throw new Error(`${who}: ${JSON.stringify(answer.errors)}`);
    return Object.values(answer.data ?? {})[0] as T;
  };
  return { ...booted, projectDirectory, as, ok };
}
