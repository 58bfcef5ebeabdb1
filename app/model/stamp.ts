/**
 * Every instant written to a document is a whole number of milliseconds. A screen's estimate of
 * the server's clock can be fractional; readers that order by time then saw ties and fell back to
 * random ids (issue 12, defect 2). Old documents may still hold fractional instants: readers take
 * any finite number.
 */
export const stamp = (now: number): number => Math.round(now);
