import { bootContextForSpec, specPersonas } from '@itsm/platform/service';
import type { SpecContext, SpecPersona, SpecPersonas } from '@itsm/platform/service';
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
export interface BootedCatalogueContext extends SpecContext, SpecPersonas {
  /** Applies directory events to the context's projection, as its consumer does. */
  projectDirectory(...events: DirectoryEvent[]): Promise<void>;
}

/** The roles (and organisation claim) of the personas that are not plain requesters. */
const PERSONA_ROLES: Readonly<Record<string, SpecPersona>> = {
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
  return { ...booted, projectDirectory, ...specPersonas(booted, PERSONA_ROLES, { roles: ['requester'] }) };
}
