import type { LaneIssue } from '@/lib/lanes/parse-lanes';
import type { Lane } from '@/lib/schemas/lane';
import { fieldId } from './editor-context';

/** The nearest rendered field of a problem's path: a list item's problem belongs to the list's box. */
function focusField(path: LaneIssue['path']) {
  for (let n = path.length; n > 0; n--) {
    const element = document.getElementById(fieldId(path.slice(0, n)));
    if (element) {
      element.focus();
      return;
    }
  }
}

/** "Lane › Category: " for a problem inside a category, "Lane: " inside a lane. */
function placeOf(issue: LaneIssue, lanes: readonly Lane[]): string {
  const [laneIndex, section, categoryIndex] = issue.path;
  const lane = typeof laneIndex === 'number' ? lanes[laneIndex] : undefined;
  if (!lane) return '';
  const category = section === 'categories' && typeof categoryIndex === 'number' ? lane.categories[categoryIndex] : undefined;
  const laneName = lane.name || 'New lane';
  return category ? `${laneName} › ${category.label || category.id || 'New category'}: ` : `${laneName}: `;
}

/** What stops a save, each problem a link to its field (opening its lane first). */
export function IssueSummary({ issues, lanes, onOpenLane }: { issues: readonly LaneIssue[]; lanes: readonly Lane[]; onOpenLane: (index: number) => void }) {
  if (issues.length === 0) return null;
  const go = (issue: LaneIssue) => {
    const lane = issue.path[0];
    if (typeof lane === 'number') onOpenLane(lane);
    requestAnimationFrame(() => focusField(issue.path));
  };
  return (
    <div className="error lane-issues" role="alert" data-testid="lane-issues">
      <p>
        {issues.length === 1 ? 'One field needs attention' : `${issues.length} fields need attention`} before the lanes can be saved:
      </p>
      <ul>
        {issues.map((issue) => {
          return (
            <li key={`${issue.path.join('.')}:${issue.message}`}>
              <button type="button" className="link" onClick={() => go(issue)}>
                {placeOf(issue, lanes)}
                {issue.message}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
