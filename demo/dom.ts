/** The page's elements by id, failing loudly when the markup and the script disagree. */

/**
 * The element with this id.
 * @param id the element's id
 * @throws Error when the page has no such element
 */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`headtune demo: the page has no element #${id}`);
  return element as T;
}
