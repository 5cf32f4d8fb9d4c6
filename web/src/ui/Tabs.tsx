/**
 * Tabs of two kinds: links between pages (`NavTabs`, the current one marked) and a switch between views on one
 * page (`TabList`, role="tab" buttons).
 */
import { Link } from '../router.tsx';

export interface NavTab {
  to: string;
  label: string;
}

export function NavTabs({
  label,
  tabs,
  current,
  className,
  tabClassName,
}: {
  label: string;
  tabs: readonly NavTab[];
  /** The `to` of the page shown. */
  current: string;
  className: string;
  tabClassName: string;
}) {
  return (
    <nav className={className} aria-label={label}>
      {tabs.map((tab) => (
        <Link key={tab.to} to={tab.to} className={tabClassName} aria-current={tab.to === current ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

export interface Tab<T extends string> {
  value: T;
  label: string;
  testId?: string;
}

export function TabList<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
}: {
  label: string;
  tabs: readonly Tab<T>[];
  selected: T;
  onSelect: (value: T) => void;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.value}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab.value === selected}
          onClick={() => onSelect(tab.value)}
          data-testid={tab.testId}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
