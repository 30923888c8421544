import { changeTopic, TopicRegistry } from '@itsm/contracts';
import { ChangeErrorCode } from './change.errors';
import { recordReview } from './change-review';
import { at, changeIn } from './test-fixtures/changes';

describe('the post-implementation review', () => {
  it('records outcome and lessons in Review or Closed, with the reviewed event', () => {
    const { change, events } = recordReview(changeIn('review'), 'successful_with_issues', ' Pre-stage the image ', 'p-implementer', at(5));
    expect(change.review).toEqual({ outcome: 'successful_with_issues', lessons: 'Pre-stage the image', by: 'p-implementer', at: at(5) });
    expect(events.map((e) => e.type)).toEqual(['itsm.change.reviewed.v1']);
    expect(() => new TopicRegistry([changeTopic]).validatePayload(changeTopic.name, events[0]?.type ?? '', events[0]?.data)).not.toThrow();
    expect(recordReview(changeIn('closed'), 'failed', '', 'p-manager', at(6)).change.review?.outcome).toBe('failed');
  });

  it.each(['new', 'scheduled', 'implement', 'canceled'] as const)('is refused in %s', (state) => {
    expect(() => recordReview(changeIn(state), 'successful', '', 'p', at(1))).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
  });
});
