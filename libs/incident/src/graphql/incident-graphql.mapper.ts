import type { Incident, Level } from '../domain';
import { IncidentError, IncidentErrorCode, isLevel } from '../domain';
import type { IncidentGql } from './incident.types';

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

export function level(value: number, field: string): Level {
  if (!isLevel(value)) throw new IncidentError(IncidentErrorCode.InvalidInput, `${field} must be 1 (high), 2 or 3 (low)`, { field });
  return value;
}
