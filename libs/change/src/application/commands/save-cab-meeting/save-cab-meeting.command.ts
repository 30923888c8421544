import type { CabMeetingSettings } from '../../../domain/cab';

/** Create a CAB meeting series (no `expectedVersion`) or replace its settings (the version read). */
export class SaveCabMeetingCommand {
  constructor(
    readonly settings: CabMeetingSettings,
    readonly id?: string,
    readonly expectedVersion?: number,
  ) {}
}
