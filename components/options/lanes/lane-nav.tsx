import type { Lane } from '@/lib/schemas/lane';

/** The lanes as a list to pick the one being edited, and a new lane at the end. */
export function LaneNav({ lanes, selected, onSelect, onAdd, locked }: { lanes: readonly Lane[]; selected: number; onSelect: (index: number) => void; onAdd: () => void; locked: boolean }) {
  return (
    <nav className="lane-nav" aria-label="Lanes">
      <ul>
        {lanes.map((lane, i) => (
          <li key={i}>
            <button type="button" className="lane-nav__item" aria-current={i === selected ? 'true' : undefined} onClick={() => onSelect(i)}>
              <span className="lane-nav__name">{lane.name || 'New lane'}</span>
              <span className="lane-nav__meta">
                {lane.trigger.site} · {lane.categories.length} {lane.categories.length === 1 ? 'category' : 'categories'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {!locked && (
        <button type="button" className="button lane-nav__add" onClick={onAdd}>
          Add a lane
        </button>
      )}
    </nav>
  );
}
