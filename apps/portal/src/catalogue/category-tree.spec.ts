import { categoryTree } from './category-tree';

describe('category tree', () => {
  it('lists each parent before its children, by name, with depths; an unknown parent counts as none', () => {
    const tree = categoryTree([
      { id: 'l', name: 'Laptops', parentId: 'h' },
      { id: 'h', name: 'Hardware', parentId: null },
      { id: 'a', name: 'Access', parentId: null },
      { id: 'o', name: 'Orphan', parentId: 'gone' },
      { id: 'd', name: 'Docks', parentId: 'h' },
    ]);
    expect(tree.map(({ category, depth }) => `${depth}:${category.name}`)).toEqual(['0:Access', '0:Hardware', '1:Docks', '1:Laptops', '0:Orphan']);
  });
});
