import type { LanesPolicy } from '@/lib/lanes/lane-store';
import { formatDate } from '../sop-format';

/** Why the lanes cannot be edited here, and whether the policy's own lanes could be applied. */
export function ManagedNote({ policy }: { policy: LanesPolicy }) {
  if (!policy.managed) return null;
  return (
    <div className="banner lane-managed" role="note" data-testid="lanes-managed">
      <p>
        <strong>Your organisation manages these lanes.</strong> They are set by the browser's policy (applied {formatDate(policy.at)}) and are read-only here; ask your IT administrator to change them.
      </p>
      {policy.error && (
        <p className="error">
          The policy's lanes could not be applied, so the lanes below stay in force: {policy.error.message} {policy.error.nextStep}
        </p>
      )}
    </div>
  );
}
