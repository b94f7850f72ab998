import type { Lane } from '@/lib/schemas/lane';

interface Props {
  lanes: readonly Pick<Lane, 'id' | 'name'>[];
  value: string;
  onChange: (laneId: string) => void;
  /** The option for "no lane filter", valued "". */
  anyLabel: string;
  name?: string;
  testId?: string;
}

/** A lane picker with an "any lane" choice: the options page's filters all use it. */
export function LaneSelect({ lanes, value, onChange, anyLabel, name, testId }: Props) {
  return (
    <select name={name} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{anyLabel}</option>
      {lanes.map((l) => (
        <option key={l.id} value={l.id}>
          {l.name}
        </option>
      ))}
    </select>
  );
}
