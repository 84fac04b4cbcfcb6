/**
 * Changing a page's address without a server round trip. Next.js syncs its router (useSearchParams, nuqs) with
 * the History API, so a view change is applied at once, in order. router.replace/push would fetch the page again
 * (the pages are dynamic) and land asynchronously: on a busy server a later click could land first and then be
 * undone by the earlier change. `null` as state lets Next add its own (its patched history methods skip state that
 * already carries it, and then do not sync).
 */
export function replaceUrl(href: string): void {
  window.history.replaceState(null, "", href);
}

/** As replaceUrl, as a new history entry (Back returns to the previous view). */
export function pushUrl(href: string): void {
  window.history.pushState(null, "", href);
}
