import { describe, expect, it } from 'vitest';
import { displayWidth, textTable } from '../../src/demo/text-table.js';

describe('textTable', () => {
  it('counts Japanese characters as two cells', () => {
    expect(displayWidth('営業部')).toBe(6);
    expect(displayWidth('Sales')).toBe(5);
    expect(displayWidth('参加率 42%')).toBe(10);
  });

  it('aligns Japanese and English cells by display width', () => {
    expect(
      textTable(
        ['部門', 'n'],
        [
          ['営業部', '93'],
          ['HR', '7'],
        ],
      ),
    ).toEqual(['部門     n', '──────  ──', '営業部  93', 'HR       7']);
  });

  it('takes an alignment per column', () => {
    expect(textTable(['a', 'b'], [['x', 'yy']], ['left', 'left'])).toEqual(['a  b', '─  ──', 'x  yy']);
  });
});
