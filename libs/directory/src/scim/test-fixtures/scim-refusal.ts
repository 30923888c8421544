import { toScimError } from '../scim.errors';

export interface ScimRefusal {
  readonly status: number;
  readonly scimType: string | undefined;
}

/** What the SCIM exception filter answers for the failure of `fn` (fails when nothing is thrown). */
export function refusal(fn: () => unknown): ScimRefusal {
  try {
    fn();
  } catch (error) {
    return answered(error);
  }
  throw new Error('expected a failure, nothing was thrown');
}

/** The same for an async `fn`. */
export async function asyncRefusal(fn: () => Promise<unknown>): Promise<ScimRefusal> {
  try {
    await fn();
  } catch (error) {
    return answered(error);
  }
  throw new Error('expected a failure, nothing was thrown');
}

function answered(error: unknown): ScimRefusal {
  const scim = toScimError(error);
  if (scim.status === 500) throw error;
  return { status: scim.status, scimType: scim.scimType };
}
