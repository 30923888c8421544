import { CatalogueErrorCode } from '../catalogue.errors';
import { defineCategory } from './category';

describe('a catalogue category', () => {
  it('trims its name and keeps its parent', () => {
    expect(defineCategory('laptops', { name: '  Laptops ', parentId: 'hardware' }, ['hardware'])).toEqual({ id: 'laptops', name: 'Laptops', description: '', parentId: 'hardware' });
  });

  it('refuses a parent that is itself or one of its descendants, naming the field', () => {
    expect(() => defineCategory('hardware', { name: 'Hardware', parentId: 'hardware' }, [])).toThrow(expect.objectContaining({ code: CatalogueErrorCode.InvalidInput, details: expect.objectContaining({ field: 'parentId' }) }));
    // laptops sits under hardware: hardware may not move under laptops.
    expect(() => defineCategory('hardware', { name: 'Hardware', parentId: 'laptops' }, ['laptops', 'hardware'])).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'parentId', value: 'laptops' }) }));
  });

  it('refuses an empty name', () => {
    expect(() => defineCategory('x', { name: '   ' }, [])).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'name' }) }));
  });
});
