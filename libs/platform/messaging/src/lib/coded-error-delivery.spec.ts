import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';
import { consumeWithCodedErrors } from './coded-error-delivery';
import { isRetryable, MessagingError, MessagingErrorCode } from './messaging.errors';

enum TicketCode {
  Invalid = 'TICKET.INVALID',
  Conflict = 'TICKET.CONFLICT',
}
class TicketError extends CodedError<TicketCode> {}
class OtherError extends CodedError<string> {}
const KINDS: ErrorKinds<TicketCode> = { [TicketCode.Invalid]: 'invalid_input', [TicketCode.Conflict]: 'conflict' };

async function failure(handle: () => Promise<unknown>): Promise<unknown> {
  try {
    await consumeWithCodedErrors(KINDS, handle);
  } catch (error) {
    return error;
  }
  throw new Error('expected the handling to fail');
}

describe('consumeWithCodedErrors', () => {
  it('passes a handled event through', async () => {
    await expect(consumeWithCodedErrors(KINDS, () => Promise.resolve('applied'))).resolves.toBeUndefined();
  });

  it('dead-letters a refusal no retry can cure at once, with its code', async () => {
    const error = await failure(() => Promise.reject(new TicketError(TicketCode.Invalid, 'bad subject')));
    expect(error).toBeInstanceOf(MessagingError);
    expect(error).toMatchObject({ code: MessagingErrorCode.HandlerFailed, message: 'TICKET.INVALID: bad subject' });
    expect(isRetryable(error)).toBe(false);
  });

  it('retries a retryable kind, another context\'s code and any other error as thrown', async () => {
    const conflict = new TicketError(TicketCode.Conflict, 'lost a race');
    const foreign = new OtherError('OTHER.INVALID', 'not ours');
    const crash = new Error('connection reset');
    for (const thrown of [conflict, foreign, crash]) {
      const error = await failure(() => Promise.reject(thrown));
      expect(error).toBe(thrown);
      expect(isRetryable(error)).toBe(true);
    }
  });
});
