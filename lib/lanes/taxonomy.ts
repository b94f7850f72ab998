import type { Category, Lane } from '@/lib/schemas/lane';

/**
 * The team's taxonomy, read from the lanes in force: every category belongs to exactly one lane
 * (parseLanes refuses a category listed twice). Nothing else in the product knows a category id.
 */

export interface PlacedCategory {
  category: Category;
  lane: Lane;
}

export function placedCategories(lanes: readonly Lane[]): PlacedCategory[] {
  return lanes.flatMap((lane) => lane.categories.map((category) => ({ category, lane })));
}

export function findCategory(lanes: readonly Lane[], id: string): PlacedCategory | undefined {
  for (const lane of lanes) {
    const category = lane.categories.find((c) => c.id === id);
    if (category) return { category, lane };
  }
  return undefined;
}

/** Mail of an unknown category gets a reply draft: only a category the team marked 'none' goes without. */
export function needsReply(lanes: readonly Lane[], id: string): boolean {
  return findCategory(lanes, id)?.category.reply !== 'none';
}

/** The SOP section tags a category is answered by: its own list, else its id. */
export function sopTagsOf(category: Category): string[] {
  return category.sopTags.length > 0 ? category.sopTags : [category.id];
}

/** The category choices a rep can correct to, and the owners a thread can be routed to, from the lanes in force. */
export function taxonomyChoices(lanes: readonly Lane[]): { categories: Array<{ id: string; label: string }>; owners: string[] } {
  const placed = placedCategories(lanes);
  return {
    categories: placed.map(({ category }) => ({ id: category.id, label: category.label })),
    owners: [...new Set([...placed.map(({ category }) => category.owner), ...lanes.map((l) => l.failureFeedback.escalateTo)])],
  };
}

/** Labelled training examples from the lanes' categories. */
export function categoryExamples(lanes: readonly Lane[]): Array<{ text: string; label: string }> {
  return placedCategories(lanes).flatMap(({ category }) => category.examples.map((text) => ({ text, label: category.id })));
}
