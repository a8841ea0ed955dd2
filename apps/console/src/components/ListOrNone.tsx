import { ReactNode } from 'react';

/**
 * A list once it has loaded: a line saying there is none when it is empty, otherwise the list as
 * its place shows it (a table, mostly). Nothing while it loads.
 */
export function ListOrNone<Item>({
  items,
  none,
  children,
}: {
  items: Item[] | null | undefined;
  none: string;
  children: (items: Item[]) => ReactNode;
}) {
  if (!items) return null;
  if (items.length === 0) return <p>{none}</p>;
  return <>{children(items)}</>;
}
