/** Numbers at a glance: a value over its label, toned when it needs attention. */
export interface Tile {
  label: string;
  value: string;
  tone?: 'danger' | 'warning';
}

export function Tiles({ label, tiles }: { label: string; tiles: readonly Tile[] }) {
  return (
    <ul className="tiles" aria-label={label}>
      {tiles.map((t) => (
        <li key={t.label} className={`tile ${t.tone ? `tile-${t.tone}` : ''}`}>
          <span className="tile-value">{t.value}</span>
          <span className="tile-label">{t.label}</span>
        </li>
      ))}
    </ul>
  );
}
