import { describe, expect, it } from 'vitest';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { checkLanes } from '@/lib/lanes/parse-lanes';
import { parseRuleLine, ruleLine, rulesFromLines, valueLines, valuesFromLines } from '@/lib/lanes/routing-lines';

const lead = defaultLanes.find((l) => l.id === 'lead-routing')!;

describe('routing rules as the lane editor shows them', () => {
  it('every starter rule reads back from its line as it was', () => {
    for (const rule of lead.routing!) expect(parseRuleLine(ruleLine(rule))).toEqual(rule);
    expect(valuesFromLines(valueLines(lead.newLeadValues!))).toEqual(lead.newLeadValues);
  });

  it('reads numbers with separators, words to match, and either arrow', () => {
    expect(parseRuleLine('budget >= 50,000 → lena@x.example | Over 50k: enterprise.')).toEqual({ when: { field: 'budget', atLeast: 50000 }, owner: 'lena@x.example', reason: 'Over 50k: enterprise.' });
    expect(parseRuleLine('source ~ partner -> 61003 | Partner manager')).toEqual({ when: { field: 'source', matches: 'partner' }, owner: '61003', reason: 'Partner manager' });
    expect(parseRuleLine('seats >= many -> a@b | r')).toBeNull();
    expect(parseRuleLine('send big leads to Lena')).toBeNull();
  });

  it('a line that is no rule is not dropped: the lane checks refuse it at its line', () => {
    const rules = rulesFromLines(['seats >= 50 -> lena@x.example | big', 'send big leads to Lena']);
    const lanes = defaultLanes.map((l) => (l.id === 'lead-routing' ? { ...l, routing: rules } : l));
    const { issues } = checkLanes(lanes);
    expect(issues[0]).toMatchObject({ code: 'lanes_invalid', path: [2, 'routing', 1, 'when', 'field'] });
    const values = checkLanes(defaultLanes.map((l) => (l.id === 'lead-routing' ? { ...l, newLeadValues: valuesFromLines(['hs_lead_status']) } : l)));
    expect(values.issues[0]).toMatchObject({ code: 'lanes_invalid', message: 'Give the value after “=”.' });
  });
});
