/** The item views a rendered report embeds (`#item-data`), by item id, as the page's script reads them. */
export function readItemDetails(html: string): Record<string, string> {
  const match = /<script type="application\/json" id="item-data">(.*?)<\/script>/s.exec(html);
  if (match?.[1] === undefined) throw new Error('the report embeds no #item-data');
  return JSON.parse(match[1]) as Record<string, string>;
}

/** The embedded view of one item; throws when the report has none for it. */
export function readItemDetail(html: string, itemId: string): string {
  const detail = readItemDetails(html)[itemId];
  if (detail === undefined) throw new Error(`no item view for ${itemId}`);
  return detail;
}

/** The ids of the item list, in page order, with whether each row starts hidden. */
export function readItemRows(html: string): { id: string; hidden: boolean }[] {
  return [...html.matchAll(/<li class="item-row" data-item-id="([^"]*)"[^>]*?( hidden)?>/g)].map((match) => ({
    id: match[1] ?? '',
    hidden: match[2] !== undefined,
  }));
}
