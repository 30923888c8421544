import type { Principal } from '@itsm/platform/auth';
import { DirectoryProjection } from '@itsm/platform/persistence';
import type { ProjectedPerson } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';

/** References to people resolved to the directory: each reference's person id, and the people found. */
export interface ResolvedPeople {
  /** The directory id a reference names (itself when the directory knows it by neither id nor user name). */
  idOf(ref: string): string;
  readonly people: ReadonlyMap<string, ProjectedPerson>;
}

/**
 * People are named by directory id (SCIM's), or by user name where a context records its token
 * subject (the incident's assignee and caller, a signed-in caller): both become the directory id, so
 * one person is one recipient, and what is addressed to a person (inbox, preferences, pages) is found
 * again when they sign in with a subject that differs from their id.
 */
@Injectable()
export class PersonRefs {
  constructor(private readonly directory: DirectoryProjection) {}

  async resolve(refs: readonly string[]): Promise<ResolvedPeople> {
    const unique = [...new Set(refs)];
    const byId = await this.directory.people(unique);
    const missing = unique.filter((ref) => !byId.has(ref));
    const byUserName = missing.length === 0 ? new Map<string, ProjectedPerson>() : await this.directory.peopleByUserName(missing);
    const people = new Map([...byId, ...[...byUserName.values()].map((p) => [p.id, p] as const)]);
    return { idOf: (ref) => (byId.has(ref) ? ref : (byUserName.get(ref.toLowerCase())?.id ?? ref)), people };
  }

  /** The directory person a signed-in caller is (their token subject as id or user name). */
  async callerId(caller: Principal): Promise<string> {
    return (await this.resolve([caller.userId])).idOf(caller.userId);
  }
}
