import { appendPage } from './append-page';

describe('appendPage', () => {
  it('appends the next page, leaving out what is already shown', () => {
    const shown = [{ id: 'a' }, { id: 'b' }];
    expect(appendPage(shown, [{ id: 'b' }, { id: 'c' }], (n) => n.id)).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  });
});
