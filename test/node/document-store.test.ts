/** The worker's copy of a document follows VS Code's changes exactly, or is dropped. */
import { describe, expect, it } from 'vitest';
import { applyChanges, DocumentStore } from '../../src/node/document-store';

describe('applyChanges', () => {
  it('applies the changes of one edit in order, each on the text the previous left', () => {
    // Two cursors typing "X" at offsets 1 and 4 of "abcdef", the later reported first.
    expect(
      applyChanges('abcdef', [
        { offset: 4, length: 0, text: 'X' },
        { offset: 1, length: 0, text: 'X' },
      ]),
    ).toBe('aXbcdXef');
    expect(applyChanges('line 1\nline 2\n', [{ offset: 7, length: 6, text: 'LINE TWO' }])).toBe('line 1\nLINE TWO\n');
    expect(applyChanges('a\nb\nc', [{ offset: 2, length: 2, text: '' }])).toBe('a\nc');
  });

  it('refuses a change outside the text', () => {
    expect(() => applyChanges('abc', [{ offset: 2, length: 5, text: '' }])).toThrow(/outside a text of 3 characters/);
  });
});

describe('DocumentStore', () => {
  it('moves a held text from version to version', () => {
    const store = new DocumentStore();
    store.set('u', 1, 'abc');
    store.edit('u', 1, 2, [{ offset: 3, length: 0, text: 'd' }]);
    expect(store.get('u')).toEqual({ version: 2, text: 'abcd' });
  });

  it('drops a text whose edit starts from another version, or does not fit: the host sends it whole again', () => {
    const store = new DocumentStore();
    store.set('u', 1, 'abc');
    store.edit('u', 2, 3, [{ offset: 0, length: 0, text: 'x' }]);
    expect(store.get('u')).toBeUndefined();
    store.set('v', 1, 'abc');
    store.edit('v', 1, 2, [{ offset: 9, length: 0, text: 'x' }]);
    expect(store.get('v')).toBeUndefined();
  });
});
