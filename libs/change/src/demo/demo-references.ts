import { awaitDemoNames } from '@itsm/platform/service';
import type { DemoReferences } from '@itsm/platform/service';
import type { INestApplication } from '@nestjs/common';
import { ConfigurationItems, People } from '../application/ports/change-references.port';
import type { ChangeViewer } from '../domain';
import { CmdbProjectionRepository } from '../persistence/cmdb-projection.repository';

/** What the change demo names of the directory's and the CMDB's demo data, resolved to ids. */
export interface ChangeDemoWorld {
  /** A CI id by its demo name (`web-01`, `Web shop`). */
  readonly ci: (name: string) => string;
  /** A person id by the persona's userName (`u-change-manager`). */
  readonly person: (userName: string) => string;
  readonly group: (id: string) => string;
  readonly manager: ChangeViewer;
  /** Instants relative to the seeding's start (no fixed dates: the demo is always current). */
  readonly now: Date;
  readonly at: (hours: number) => Date;
}

const HOUR = 3_600_000;

/**
 * The demo's names resolved: from the earlier contexts' demo references (the all-in-one), else (a
 * service in its own process, where none are handed over) the directory demo's names, which are its
 * ids by construction, and the CMDB names its projection found (`cmdbIdsByName`).
 */
export function changeDemoWorld(earlier: DemoReferences, now: Date, cmdbIdsByName: ReadonlyMap<string, string> = new Map()): ChangeDemoWorld {
  const lookup = (context: string, fallback: (name: string) => string | undefined) => (name: string) => {
    const id = earlier.get(context)?.get(name) ?? fallback(name);
    if (id === undefined) throw new Error(`change demo: the ${context} demo data has no "${name}" (load it first)`);
    return id;
  };
  const person = lookup('directory', (name) => (earlier.has('directory') ? undefined : name));
  return {
    ci: lookup('cmdb', (name) => cmdbIdsByName.get(name)),
    person,
    group: lookup('directory', (name) => (earlier.has('directory') ? undefined : name)),
    manager: { userId: person('u-change-manager'), roles: ['change-manager'], orgId: 'contoso' },
    now,
    at: (hours) => new Date(now.getTime() + hours * HOUR),
  };
}

/** The CMDB demo's CIs by name from the context's own projection, once it knows them all (none needed when the all-in-one handed them over). */
export async function cmdbDemoIds(app: INestApplication, earlier: DemoReferences, names: readonly string[], timeoutMs = 60_000): Promise<ReadonlyMap<string, string>> {
  if (earlier.has('cmdb')) return new Map();
  const projection = app.get(CmdbProjectionRepository);
  let found: ReadonlyMap<string, string> = new Map();
  await awaitDemoNames(
    'change',
    async () => {
      found = await projection.idsByName(names);
      return names.filter((name) => !found.has(name));
    },
    { timeoutMs },
  );
  return found;
}

/**
 * Waits until the change context's own projections (fed through the bus) know the demo's CIs,
 * people and groups: the demo goes through the same reference checks as the API.
 */
export async function awaitProjections(app: INestApplication, ciIds: readonly string[], personIds: readonly string[], groupIds: readonly string[], timeoutMs = 60_000): Promise<void> {
  const items = app.get(ConfigurationItems);
  const people = app.get(People);
  await awaitDemoNames(
    'change',
    async () => {
      const [cis, persons, groups] = await Promise.all([items.find(ciIds), people.people(personIds), Promise.all(groupIds.map((id) => people.group(id)))]);
      return [...ciIds.filter((id) => !cis.has(id)), ...personIds.filter((id) => !persons.has(id)), ...groupIds.filter((_, i) => groups[i] === undefined)];
    },
    { timeoutMs },
  );
}
