/** Download links (the elements' and the explorer's): each points at a Blob URL of its file, revoked when replaced or cleared. */

/**
 * Points the link at a Blob of text (or clears it when text is undefined), revoking its previous Blob URL.
 * @param link an <a download="name"> element
 * @param text the file's content
 * @param type its MIME type
 */
export function setDownload(link: HTMLAnchorElement, text: string | undefined, type = "text/plain"): void {
  if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  if (text === undefined) {
    link.removeAttribute("href");
    link.setAttribute("aria-disabled", "true");
    return;
  }
  link.href = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  link.removeAttribute("aria-disabled");
}
