import type { EventTypeOf, PayloadOf, serviceTopic } from '@itsm/contracts';

type ServiceTopic = typeof serviceTopic;
export type PortfolioEventType = EventTypeOf<ServiceTopic>;

/** One `itsm.service.v1` event before it is wrapped (type and payload, typed by the contract). */
export type PortfolioEvent = { [E in PortfolioEventType]: { readonly type: E; readonly data: PayloadOf<ServiceTopic, E> } }[PortfolioEventType];

/** What a command decided for one portfolio record: its new state and the events that say why. */
export interface PortfolioDecision<A> {
  readonly aggregate: A;
  readonly events: readonly PortfolioEvent[];
}
