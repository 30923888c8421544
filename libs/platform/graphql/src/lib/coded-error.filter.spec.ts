import { CodedError } from '@itsm/contracts';
import type { ErrorKinds } from '@itsm/contracts';
import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import { CodedErrorFilter } from './coded-error.filter';
import { InputTextError } from './input-text';

enum ThingErrorCode {
  NotFound = 'THING.NOT_FOUND',
  Conflict = 'THING.CONFLICT',
}
class ThingError extends CodedError<ThingErrorCode> {}
const THING_ERROR_KINDS: ErrorKinds<ThingErrorCode> = { [ThingErrorCode.NotFound]: 'not_found', [ThingErrorCode.Conflict]: 'conflict' };
const filter = new CodedErrorFilter({ kinds: THING_ERROR_KINDS, concurrencyCode: ThingErrorCode.Conflict });

describe('CodedErrorFilter', () => {
  it('answers the domain code, its details and its kind', () => {
    const answer = filter.catch(new ThingError(ThingErrorCode.NotFound, 'thing 7 not found', { id: '7' }));
    expect(answer.message).toBe('thing 7 not found');
    expect(answer.extensions).toEqual({ code: 'THING.NOT_FOUND', details: { id: '7' }, kind: 'not_found' });
  });

  it('answers a lost concurrency race with the context conflict code', () => {
    const answer = filter.catch(new PersistenceError(PersistenceErrorCode.Conflict, 'version 3 expected'));
    expect(answer.message).toBe('the record changed concurrently; try again');
    expect(answer.extensions).toEqual({ code: 'THING.CONFLICT', kind: 'conflict' });
  });

  it('answers a refused text input as BAD_USER_INPUT naming the field', () => {
    const answer = filter.catch(new InputTextError('input.title', { reason: 'control_character', index: 3 }));
    expect(answer.extensions).toEqual({ code: 'BAD_USER_INPUT', details: { field: 'title', path: 'input.title', reason: 'control_character', index: 3 }, kind: 'invalid_input' });
  });
});
