import AkTabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { ReactNode } from 'react';

export interface TabDef<K extends string> {
  key: K;
  label: string;
  /** A short marker after the label, e.g. "running" or a count. */
  badge?: string;
}

interface TabsProps<K extends string> {
  tabs: ReadonlyArray<TabDef<K>>;
  selected: K;
  onSelect: (key: K) => void;
  children: ReactNode;
}

/** Atlassian tabs (arrow keys, Home and End move between tabs); only the selected panel is mounted. */
export function Tabs<K extends string>({ tabs, selected, onSelect, children }: TabsProps<K>) {
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.key === selected),
  );
  return (
    <div className="tabs">
      <AkTabs
        id="entra-sync"
        selected={index}
        shouldUnmountTabPanelOnChange
        onChange={(i) => onSelect((tabs[i] ?? tabs[0]!).key)}
      >
        <TabList>
          {tabs.map((t) => (
            <Tab key={t.key}>
              {t.label}
              {t.badge && <span className="tab-badge"> ({t.badge})</span>}
            </Tab>
          ))}
        </TabList>
        {tabs.map((t) => (
          <TabPanel key={t.key}>{t.key === selected ? <div className="tab-panel">{children}</div> : null}</TabPanel>
        ))}
      </AkTabs>
    </div>
  );
}
