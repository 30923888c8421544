import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { CmdbFeed, DirectoryFeed, testPeers } from '@itsm/testing';
import { ProjectCmdbEventCommand } from '../application/commands/project-cmdb-event/project-cmdb-event.command';
import { ProjectCmdbEventHandler } from '../application/commands/project-cmdb-event/project-cmdb-event.handler';
import { ProjectDirectoryEventCommand } from '../application/commands/project-directory-event/project-directory-event.command';
import { ProjectDirectoryEventHandler } from '../application/commands/project-directory-event/project-directory-event.handler';
import { changeDirectory } from '../application/test-fixtures/in-memory-people';
import type { ChangeSettings } from '../change-env';
import { changeContext } from '../change.context';

export type { SpecGraphqlAnswer as GraphqlAnswer } from '@itsm/platform/service';

export interface BootChangeOptions {
  /** Project `changeDirectory`'s people and groups (default true). */
  readonly directory?: boolean;
  /** CIs to project (named after their ids). */
  readonly ciIds?: readonly string[];
  readonly settings?: ChangeSettings;
}

/** The change context booted for an integration spec (`published`: `itsm.change.v1`). */
export interface BootedChangeContext extends SpecContext {
  /** Makes CMDB events (feed them with `project`). */
  readonly cmdb: CmdbFeed;
  /** Applies CMDB events to the context's projection, as its consumer does. */
  project(...events: ProjectCmdbEventCommand['event'][]): Promise<void>;
}

/**
 * Boots the change context through its declaration on the peers (the kit's spec boot) with the
 * change personas and the given CIs projected: the setup every change integration spec shares.
 */
export async function bootChangeContext(options: BootChangeOptions = {}): Promise<BootedChangeContext> {
  const booted = await bootContextForSpec(changeContext, { mongoUrl: testPeers().mongoUrl, settings: options.settings ?? {}, probeTopics: ['itsm.change.v1'] });
  const { app } = booted;
  const cmdb = new CmdbFeed();
  const project: BootedChangeContext['project'] = async (...events) => {
    for (const event of events) await app.get(ProjectCmdbEventHandler).execute(new ProjectCmdbEventCommand(event));
  };
  if (options.directory ?? true) {
    for (const event of changeDirectory(new DirectoryFeed())) await app.get(ProjectDirectoryEventHandler).execute(new ProjectDirectoryEventCommand(event));
  }
  await project(...(options.ciIds ?? []).map((ciId) => cmdb.ciCreated({ ciId, name: ciId })));
  return { ...booted, cmdb, project };
}
