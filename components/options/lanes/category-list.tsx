import { blankCategory } from '@/lib/lanes/blank-lane';
import type { Category } from '@/lib/schemas/lane';
import { CategoryEditor } from './category-editor';
import { fieldId, useLaneEditor } from './editor-context';

/** A lane's categories: each editable, removable, and a new one added at the end. */
export function CategoryList({ laneIndex, categories }: { laneIndex: number; categories: readonly Category[] }) {
  const { update } = useLaneEditor();
  const path = [laneIndex, 'categories'];
  const add = () => {
    update(path, [...categories, blankCategory()]);
    // The new category's first field, once it is rendered.
    requestAnimationFrame(() => document.getElementById(fieldId([...path, categories.length, 'label']))?.focus());
  };
  return (
    <section className="lane-section" aria-labelledby={`lane-${laneIndex}-categories`}>
      <h3 id={`lane-${laneIndex}-categories`}>Categories</h3>
      <p className="muted small">The kinds of message that start this lane. Each category belongs to this lane only.</p>
      {categories.length === 0 && <p className="muted">No categories yet: this lane starts only from HubSpot records.</p>}
      {categories.map((category, j) => (
        // Index keys: a category's id is one of its editable fields.
        <CategoryEditor key={j} path={[...path, j]} category={category} onRemove={() => update(path, categories.filter((_, k) => k !== j))} />
      ))}
      <button type="button" className="button" onClick={add}>
        Add a category
      </button>
    </section>
  );
}
