/**
 * The Content-Security-Policy every HTML page echolab writes carries
 * (report.html, compare.html, posterior.html). The pages are self-contained:
 * inline CSS and SVG, no script, nothing fetched. Saying so in the page
 * means that even if a string ever slipped past escaping, a browser would
 * run no script and load nothing from the network when someone opens it.
 */
export const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The `<meta>` element that sets `PAGE_POLICY`, for the top of `<head>`. */
export const PAGE_POLICY_META = `<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">`;
