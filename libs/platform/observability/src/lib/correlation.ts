import { AsyncLocalStorage } from 'node:async_hooks';

/** Who caused the work being done: carried through async calls and into every log line. */
export interface CorrelationContext {
  readonly correlationId: string;
  readonly causationId?: string;
  /** W3C trace context, as carried by the CloudEvents `traceparent` extension. */
  readonly traceparent?: string;
  readonly tenant?: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

export function runWithCorrelation<R>(context: CorrelationContext, fn: () => R): R {
  return storage.run(context, fn);
}

export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

/** The context's fields that are set, as log fields. */
export function correlationFields(context = currentCorrelation()): Record<string, string> {
  if (!context) return {};
  const { correlationId, causationId, traceparent, tenant } = context;
  const fields: Record<string, string> = { correlationId };
  if (causationId !== undefined) fields['causationId'] = causationId;
  if (traceparent !== undefined) fields['traceparent'] = traceparent;
  if (tenant !== undefined) fields['tenant'] = tenant;
  return fields;
}
