import { describe, expect, it } from 'vitest';
import { fieldId, issuesAt, valueAt, withValueAt } from '@/components/options/lanes/editor-context';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { checkLanes, type LaneIssue } from '@/lib/lanes/parse-lanes';

describe('lane editor paths', () => {
  it('changes one field of the draft, copying only the objects along its path', () => {
    const next = withValueAt(defaultLanes, [1, 'categories', 2, 'owner'], 'Logistics desk');
    expect(valueAt(next, [1, 'categories', 2, 'owner'])).toBe('Logistics desk');
    expect(defaultLanes[1]!.categories[2]!.owner).toBe('Fulfilment queue');
    expect(next[0]).toBe(defaultLanes[0]);
    expect(next[1]!.categories[0]).toBe(defaultLanes[1]!.categories[0]);
    expect(next[1]).not.toBe(defaultLanes[1]);
  });

  it('gives a list field the problems of its items, and each field its own id', () => {
    const lanes = withValueAt(defaultLanes, [0, 'categories', 0, 'riskAcknowledgements'], ['refund', 'gossip']);
    const { issues } = checkLanes(lanes);
    expect(issues.map((i) => i.path.join('.'))).toEqual(['0.categories.0.riskAcknowledgements.1']);
    expect(issuesAt(issues, [0, 'categories', 0, 'riskAcknowledgements'])).toHaveLength(1);
    expect(issuesAt(issues, [0, 'categories', 1])).toEqual([]);
    const other: LaneIssue[] = [{ code: 'lanes_invalid', path: [10, 'name'], message: 'Fill this in.', nextStep: '' }];
    expect(issuesAt(other, [1])).toEqual([]);
    expect(fieldId([0, 'qualityChecks', 'confidenceFloor'])).toBe('lane-field-0-qualityChecks-confidenceFloor');
  });
});
