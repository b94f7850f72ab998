import { useEffect, useRef, type ReactNode } from 'react';
import { BrandMark } from '@/components/ui/brand-mark';

export const PANEL_SHORTCUT_LABEL = 'Alt+Shift+T';

interface Props {
  collapsed: boolean;
  onToggle: () => void;
  status?: ReactNode;
  children: ReactNode;
}

/** The docked shell shared by every site: a landmark with a heading, a collapse control, and the body. */
export function PanelFrame({ collapsed, onToggle, status, children }: Props) {
  const toggleRef = useRef<HTMLButtonElement>(null);
  const wasCollapsed = useRef(collapsed);
  useEffect(() => {
    // Keep focus on the toggle when the shortcut collapses or expands the panel.
    if (wasCollapsed.current !== collapsed && toggleRef.current?.ownerDocument.activeElement) toggleRef.current.focus({ preventScroll: true });
    wasCollapsed.current = collapsed;
  }, [collapsed]);
  return (
    <aside className={collapsed ? 'panel panel--collapsed' : 'panel'} aria-label="Calm Triage" data-testid="triage-panel">
      <header className="panel__header">
        {!collapsed && (
          <h1 className="panel__title">
            <BrandMark size={18} />
            Calm Triage
          </h1>
        )}
        {!collapsed && status}
        <button
          ref={toggleRef}
          type="button"
          className="panel__toggle"
          aria-expanded={!collapsed}
          aria-controls="calm-triage-body"
          title={`${collapsed ? 'Show' : 'Hide'} the triage panel (${PANEL_SHORTCUT_LABEL})`}
          onClick={onToggle}
        >
          <span aria-hidden="true">{collapsed ? '‹' : '›'}</span>
          <span className="visually-hidden">{collapsed ? 'Show triage panel' : 'Hide triage panel'}</span>
        </button>
      </header>
      <div id="calm-triage-body" className="panel__body" hidden={collapsed}>
        {children}
      </div>
    </aside>
  );
}
