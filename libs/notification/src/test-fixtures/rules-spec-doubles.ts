import type { Provider } from '@nestjs/common';
import { DeliveryIntake } from '../application/ports/delivery-intake.port';
import { KnownEndpoints } from '../application/ports/endpoint-sender.port';
import { KnownTemplates } from '../application/ports/known-templates.port';
import { OnCallRoster } from '../application/ports/on-call-roster.port';
import type { Notice } from '../domain';

/** Records what the rules hand to delivery (the delivery part's intake is idempotent by key; the rules only pass the keys). */
export class RecordingIntake extends DeliveryIntake {
  readonly accepted: Notice[] = [];
  accept(notices: readonly Notice[]): Promise<void> {
    this.accepted.push(...notices);
    return Promise.resolve();
  }
}

/** On call: fixed people per group (the on-call part owns the real roster). */
export class FixedRoster extends OnCallRoster {
  constructor(private readonly byGroup: Readonly<Record<string, readonly string[]>>) {
    super();
  }
  onCall(groupId: string): Promise<readonly string[]> {
    return Promise.resolve(this.byGroup[groupId] ?? []);
  }
}

/** Known ids: a fixed list (templates and endpoints belong to the templates and delivery parts). */
class FixedIds {
  constructor(private readonly known: readonly string[]) {}
  missing(ids: readonly string[]): Promise<readonly string[]> {
    return Promise.resolve(ids.filter((id) => !this.known.includes(id)));
  }
}

/** Known templates: a fixed list, each fitting every event type (the templates part checks variables). */
class FixedTemplates extends FixedIds {
  checkReads(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The rules part's doubles of the ports other parts implement, bound over them in its int specs:
 * DeliveryIntake (delivery: recorded here), OnCallRoster (on-call: g-network-oncall -> n-dave),
 * KnownTemplates (templates) and KnownEndpoints (delivery): fixed lists.
 */
export function rulesSpecDoubles(intake: RecordingIntake, known: { templates: readonly string[]; endpoints: readonly string[] }): Provider[] {
  return [
    { provide: DeliveryIntake, useValue: intake },
    { provide: OnCallRoster, useValue: new FixedRoster({ 'g-network-oncall': ['n-dave'], 'g-network': ['n-alice'] }) },
    { provide: KnownTemplates, useValue: new FixedTemplates(known.templates) },
    { provide: KnownEndpoints, useValue: new FixedIds(known.endpoints) },
  ];
}
