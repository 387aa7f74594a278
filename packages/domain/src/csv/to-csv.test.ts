import { describe, expect, it } from 'vitest';
import { toCsv } from './to-csv';

describe('toCsv', () => {
  const columns = [
    { header: 'name', value: (r: { name: string; amount: number }) => r.name },
    { header: 'amount', value: (r: { name: string; amount: number }) => r.amount },
  ];

  it('quotes commas, quotes and line breaks and ends lines with CRLF', () => {
    expect(toCsv([{ name: 'Gin, "London" dry\nlarge', amount: 12.5 }], columns)).toBe(
      'name,amount\r\n"Gin, ""London"" dry\nlarge",12.5\r\n',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas, but keeps negative numbers numeric', () => {
    const csv = toCsv(
      [
        { name: '=HYPERLINK("http://evil")', amount: -5 },
        { name: '+1+1', amount: 0 },
        { name: '@SUM(A1)', amount: 1 },
        { name: '-2', amount: 2 },
      ],
      columns,
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")",-5`);
    expect(csv).toContain("'+1+1,0");
    expect(csv).toContain("'@SUM(A1),1");
    expect(csv).toContain("'-2,2");
  });

  it('writes empty cells for missing values', () => {
    expect(toCsv([{ a: null }], [{ header: 'a', value: (r: { a: null }) => r.a }])).toBe('a\r\n\r\n');
  });
});
