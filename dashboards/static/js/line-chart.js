// Yearly series: one province's line (or several to compare) with its targets and the straight
// path from the baseline to each target, the path the status measures the pace against.
/* global Chart */
import { SERIES_COLOURS, TARGET_COLOUR, canvases, formatNumber, readData, yearTicks } from './charts-common.js';

function targetAnnotations(data, firstYear, lastYear) {
  const annotations = {};
  const middle = (firstYear + lastYear) / 2;
  data.targets.forEach((target, i) => {
    // The label goes on the side with more room, so the chart's edge does not cut it; each label
    // has its own line above the previous one, so two never overlap whatever their years.
    const onLeft = target.year > middle;
    const level = data.targets.length - 1 - i;
    if (target.path && target.baseline !== null && target.baselineYear !== null) {
      annotations[`path${i}`] = {
        type: 'line',
        xMin: target.baselineYear,
        yMin: target.baseline,
        xMax: target.year,
        yMax: target.value,
        borderColor: TARGET_COLOUR,
        borderWidth: 1,
        borderDash: [4, 4],
      };
    }
    annotations[`target${i}`] = {
      type: 'point',
      xValue: target.year,
      yValue: target.value,
      pointStyle: 'rectRot',
      radius: 6,
      backgroundColor: '#fff',
      borderColor: TARGET_COLOUR,
      borderWidth: 2,
    };
    annotations[`label${i}`] = {
      type: 'label',
      xValue: target.year,
      yValue: target.value,
      position: { x: onLeft ? 'end' : 'start', y: 'end' },
      xAdjust: onLeft ? -8 : 8,
      yAdjust: -6 - 15 * level,
      backgroundColor: 'rgba(255, 255, 255, 0.85)',
      content: `${data.text.target} ${target.window}: ${formatNumber(target.value, data.unit)}`,
      color: TARGET_COLOUR,
      font: { size: 11, weight: 'bold' },
    };
  });
  return annotations;
}

for (const canvas of canvases('line')) {
  const data = readData(canvas);
  const years = data.years.concat(data.targets.map((t) => t.year));
  const datasets = data.lines.map((line, i) => ({
    label: line.label,
    data: data.years.map((year, j) => ({ x: year, y: line.values[j] })), // null: a gap, not a line across
    borderColor: line.national ? '#5b6675' : SERIES_COLOURS[i % SERIES_COLOURS.length],
    backgroundColor: line.national ? '#5b6675' : SERIES_COLOURS[i % SERIES_COLOURS.length],
    borderDash: line.national ? [6, 3] : [],
    borderWidth: 2,
    pointRadius: 2.5,
    spanGaps: false,
    yAxisID: line.secondAxis ? 'y2' : 'y',
  }));
  const secondAxis = data.lines.some((line) => line.secondAxis);
  new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true,
      // room above for stacked target labels, and on the right so the last point is never cut
      layout: { padding: { top: 24 + 15 * Math.max(0, data.targets.length - 1), right: 16 } },
      scales: {
        x: {
          type: 'linear',
          min: years.length ? Math.min(...years) : undefined,
          max: years.length ? Math.max(...years) : undefined,
          offset: true,
          ticks: yearTicks,
        },
        y: {
          beginAtZero: true,
          suggestedMax: data.unit === 'percent' ? 100 : undefined,
          ticks: { callback: (value) => formatNumber(value, data.unit) },
        },
        y2: {
          display: secondAxis,
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          title: { display: secondAxis, text: data.text.national || '' },
          ticks: { callback: (value) => formatNumber(value, data.unit) },
        },
      },
      plugins: {
        legend: { display: data.lines.length > 1, position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? String(items[0].parsed.x) : ''),
            label: (ctx) => `${ctx.dataset.label}: ${formatNumber(ctx.parsed.y, data.unit)}`,
          },
        },
        annotation: { clip: false, annotations: targetAnnotations(data, Math.min(...years), Math.max(...years)) },
      },
    },
  });
}
