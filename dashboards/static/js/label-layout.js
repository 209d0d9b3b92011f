// Where labels go so that none overlaps another: pure geometry, no Chart.js, so a test can run it alone.

// Stack labels in rows. items: [{x, width}] in pixels, x the centre wanted (a target's year); each label
// is centred there but kept within [left, right], and goes in the lowest row where it clears every label
// already in that row by `gap`. Returns [{left, right, row}] in the order of items; row 0 is the first.
// Labels at the same x, or near ones, end up in different rows whatever their values, and a row never
// holds two labels that touch.
export function stackLabels(items, { left, right, gap = 6 }) {
  const order = items.map((_, i) => i).sort((a, b) => items[a].x - items[b].x || a - b);
  const rowEnds = []; // the right edge of the last label put in each row
  const placed = new Array(items.length);
  for (const i of order) {
    const { x, width } = items[i];
    const start = Math.max(left, Math.min(x - width / 2, right - width));
    let row = rowEnds.findIndex((end) => end + gap <= start);
    if (row === -1) {
      row = rowEnds.length;
      rowEnds.push(-Infinity);
    }
    rowEnds[row] = start + width;
    placed[i] = { left: start, right: start + width, row };
  }
  return placed;
}

// Whether two boxes {left, right, top, bottom} overlap (touching edges do not count).
export function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
