import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AggregateMapper } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { CabAgendaFlag, CabDelegate, CabMeeting, CabOccurrenceRecord, CabSchedule } from '../domain/cab';
import type { ChangeModel } from '../domain/change.model';

/** A CAB meeting's document: its settings, flags and per-occurrence record, and its stream position. */
export interface CabMeetingDocument {
  id: string;
  name: string;
  /** Lower-cased name: the list's order. */
  nameKey: string;
  schedule: CabSchedule;
  memberGroupIds: string[];
  memberIds: string[];
  delegates: CabDelegate[];
  models: ChangeModel[];
  slotMinutes: number;
  active: boolean;
  flags: CabAgendaFlag[];
  occurrences: CabOccurrenceRecord[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** The last event's sequence on the meeting's stream. */
  sequence: number;
}

export const cabMeetingSchema = new Schema<CabMeetingDocument>(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    schedule: { type: {}, required: true },
    memberGroupIds: { type: [String], default: [] },
    memberIds: { type: [String], default: [] },
    delegates: { type: [{}], default: [] },
    models: { type: [String], default: [] },
    slotMinutes: { type: Number, required: true },
    active: { type: Boolean, required: true },
    flags: { type: [{}], default: [] },
    occurrences: { type: [{}], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    sequence: { type: Number, required: true },
  },
  { collection: 'change_cab_meetings', id: false },
);
cabMeetingSchema.plugin(aggregateDocumentPlugin);
// The list: every meeting, or the active ones, by name.
cabMeetingSchema.index({ nameKey: 1, id: 1 });
cabMeetingSchema.index({ active: 1, nameKey: 1, id: 1 });

/** A meeting with its stream position, as the platform repository stores it. */
export interface PositionedMeeting {
  readonly meeting: CabMeeting;
  readonly sequence: number;
}

const date = (value: Date | string): Date => new Date(value);

export function cabMeetingOfDocument(d: Omit<CabMeetingDocument, 'sequence'>): CabMeeting {
  return {
    id: d.id,
    name: d.name,
    schedule: { rrule: d.schedule.rrule, firstStart: d.schedule.firstStart, durationMinutes: d.schedule.durationMinutes, timeZone: d.schedule.timeZone },
    memberGroupIds: d.memberGroupIds ?? [],
    memberIds: d.memberIds ?? [],
    delegates: (d.delegates ?? []).map((x) => ({ delegateId: x.delegateId, forMemberId: x.forMemberId })),
    models: d.models ?? [],
    slotMinutes: d.slotMinutes,
    active: d.active,
    flags: (d.flags ?? []).map((f) => ({ changeId: f.changeId, occurrenceStart: date(f.occurrenceStart), by: f.by, reason: f.reason ?? null })),
    occurrences: (d.occurrences ?? []).map((o) => ({
      start: date(o.start),
      decisions: o.decisions.map((x) => ({ ...x, reason: x.reason ?? null, onBehalfOf: x.onBehalfOf ?? null, at: date(x.at) })),
      minutes: o.minutes === null || o.minutes === undefined ? null : { ...o.minutes, publishedAt: date(o.minutes.publishedAt) },
    })),
    createdAt: date(d.createdAt),
    updatedAt: date(d.updatedAt),
    version: d.version,
  };
}

export const cabMeetingMapper: AggregateMapper<PositionedMeeting, CabMeetingDocument> = {
  toDocument: ({ meeting: m, sequence }) => ({
    id: m.id,
    name: m.name,
    nameKey: m.name.toLowerCase(),
    schedule: { ...m.schedule },
    memberGroupIds: [...m.memberGroupIds],
    memberIds: [...m.memberIds],
    delegates: m.delegates.map((d) => ({ ...d })),
    models: [...m.models],
    slotMinutes: m.slotMinutes,
    active: m.active,
    flags: m.flags.map((f) => ({ ...f })),
    occurrences: m.occurrences.map((o) => ({ start: o.start, decisions: o.decisions.map((d) => ({ ...d })), minutes: o.minutes === null ? null : { ...o.minutes, attendeeIds: [...o.minutes.attendeeIds], items: o.minutes.items.map((i) => ({ ...i })) } })),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    version: m.version,
    sequence,
  }),
  toDomain: (d) => ({ meeting: cabMeetingOfDocument(d), sequence: d.sequence }),
};
