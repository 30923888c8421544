import type { Principal } from '@itsm/platform/auth';
import { encodeCursor, pageRequest } from '@itsm/platform/graphql';
import type { Incident, Level, Problem } from '../domain';
import { IncidentError, IncidentErrorCode, isLevel, redactFor } from '../domain';
import { sequenceOfNumber } from '../persistence/incident.mapper';
import type { IncidentGql } from './incident.types';
import type { ProblemGql } from './problem.types';

export function toIncidentGql(incident: Incident): IncidentGql {
  return {
    ...incident,
    configurationItemIds: [...incident.configurationItemIds],
    serviceIds: [...incident.serviceIds],
    majorReasons: [...incident.majorReasons],
    notes: incident.notes.map((note) => ({ ...note })),
    resolution: incident.resolution ? { ...incident.resolution } : null,
    version: incident.sequence,
  } as IncidentGql;
}

/** The changed incident as the caller may read it (every incident mutation answers with it). */
export async function answerFor(viewer: Principal, changed: Promise<Incident>): Promise<IncidentGql> {
  return toIncidentGql(redactFor(viewer, await changed));
}

export function toProblemGql(problem: Problem): ProblemGql {
  return { ...problem, configurationItemIds: [...problem.configurationItemIds], knownError: problem.knownError ? { ...problem.knownError } : null } as ProblemGql;
}

export function level(value: number, field: string): Level {
  if (!isLevel(value)) throw new IncidentError(IncidentErrorCode.InvalidInput, `${field} must be 1 (high), 2 or 3 (low)`, { field });
  return value;
}

/** Incidents (`inc`) and problems (`prb`) page by their number's sequence, newest first. */
export type SequenceCursor = 'inc' | 'prb';

export function sequenceCursor(cursor: SequenceCursor, number: string): string {
  return encodeCursor(cursor, sequenceOfNumber(number));
}

export function sequencePage(cursor: SequenceCursor, args: { readonly first: number; readonly after?: string | null }, maxFirst: number): { readonly first: number; readonly after: number | undefined } {
  return pageRequest(args, {
    cursor,
    maxFirst,
    parseKey: (key) => (/^[1-9][0-9]{0,14}$/.test(key) ? Number(key) : undefined),
    invalid: (field, message) => new IncidentError(IncidentErrorCode.InvalidInput, message, { field }),
  });
}
