import { changeSubject } from '@itsm/contracts';
import { AggregateRepository, PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { Model } from 'mongoose';
import { CabMeetingStore } from '../application/ports/cab-stores.port';
import { ChangeError, ChangeErrorCode } from '../domain/change.errors';
import type { CabMeeting, CabMeetingEvent } from '../domain/cab';
import { toChangeEnvelopes } from './change.envelopes';
import { cabMeetingMapper, cabMeetingOfDocument } from './cab-meeting.schema';
import type { CabMeetingDocument, PositionedMeeting } from './cab-meeting.schema';

/** Queries never read the outbox. */
const RECORD_ONLY = { _outbox: 0 } as const;

/**
 * CAB meetings in MongoDB: `_id` = changeSubject('cab-meeting', id) (also the Kafka key of its
 * events on itsm.change.v1); state, stream position and outbox events in ONE document update.
 */
export class CabMeetingRepository extends CabMeetingStore {
  private readonly aggregates: AggregateRepository<PositionedMeeting, CabMeetingDocument>;
  private readonly positions = new WeakMap<Loaded<CabMeeting>, Loaded<PositionedMeeting>>();

  constructor(
    private readonly model: Model<StoredDocument<CabMeetingDocument>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new AggregateRepository(model, cabMeetingMapper, afterCommit);
  }

  static keyOf(id: string): Types.ObjectId {
    return new Types.ObjectId(changeSubject('cab-meeting', id));
  }

  async load(id: string): Promise<Loaded<CabMeeting> | undefined> {
    const positioned = await this.aggregates.load(CabMeetingRepository.keyOf(id));
    if (positioned === undefined) return undefined;
    const loaded: Loaded<CabMeeting> = { ...positioned, aggregate: positioned.aggregate.meeting };
    this.positions.set(loaded, positioned);
    return loaded;
  }

  save(loaded: Loaded<CabMeeting>, meeting: CabMeeting, events: readonly CabMeetingEvent[]): Promise<SaveResult> {
    const positioned = this.positions.get(loaded);
    if (positioned === undefined) throw new Error('cab meeting: save only a meeting loaded through this repository');
    const sequence = positioned.aggregate.sequence;
    const envelopes = toChangeEnvelopes(loaded.id.toHexString(), sequence, events);
    return this.aggregates.save(positioned, { meeting, sequence: sequence + envelopes.length }, envelopes);
  }

  async create(meeting: CabMeeting): Promise<void> {
    try {
      await this.aggregates.create(CabMeetingRepository.keyOf(meeting.id), { meeting, sequence: 0 }, []);
    } catch (error) {
      if (error instanceof PersistenceError && error.code === PersistenceErrorCode.AlreadyExists) throw new ChangeError(ChangeErrorCode.Conflict, `CAB meeting ${meeting.id} already exists`, { meetingId: meeting.id });
      throw error;
    }
  }

  async byId(id: string): Promise<CabMeeting | undefined> {
    const document = await this.model.findById(CabMeetingRepository.keyOf(id), RECORD_ONLY).lean<CabMeetingDocument>();
    return document === null ? undefined : cabMeetingOfDocument(document);
  }

  async list(includeInactive: boolean): Promise<readonly CabMeeting[]> {
    const filter = includeInactive ? {} : { active: { $eq: true } };
    const documents = await this.model.find(filter, RECORD_ONLY).sort({ nameKey: 1, id: 1 }).limit(500).lean<CabMeetingDocument[]>();
    return documents.map(cabMeetingOfDocument);
  }
}
