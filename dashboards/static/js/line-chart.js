// Yearly series: one province's line (or several to compare) with its targets and the straight
// path from the baseline to each target, the path the status measures the pace against.
/* global Chart */
import {
  axisTitle,
  canvases,
  chartColour,
  formatNumber,
  readData,
  seriesColour,
  yearTicks,
} from './charts-common.js';
import { stackLabels } from './label-layout.js';

const LABEL_FONT = { size: 11, weight: 'bold' };
const LABEL_PAD = { x: 4, y: 2 };
const ROW = 18; // one row of target labels: 11px text, its padding, 3px to the next row
const ABOVE_PLOT = 6; // between the lowest row of labels and the top of the plot

function labelText(data, target) {
  return `${data.text.target} ${target.window}: ${formatNumber(target.value, data.unit)}`;
}

// Target labels sit in rows above the plot, each over its target's year (a dotted line leads down to
// the target's diamond): the plot holds every point of every line, so no label covers a line, and
// stackLabels puts two labels that would touch in different rows, whatever their values.
// Runs after each layout (scales known); the boxes are kept on the chart for the annotations to read.
const targetLabels = {
  id: 'targetLabels',
  afterLayout(chart) {
    const data = chart.$data;
    if (!data || !data.targets.length) return; // the first layout, before the chart knows its data
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = Chart.helpers.toFont(LABEL_FONT).string;
    const items = data.targets.map((target) => ({
      x: chart.scales.x.getPixelForValue(target.year),
      width: ctx.measureText(labelText(data, target)).width + 2 * LABEL_PAD.x + 2,
    }));
    ctx.restore();
    const placed = stackLabels(items, { left: 0, right: chart.width, gap: 6 });
    const rows = Math.max(...placed.map((p) => p.row + 1));
    const base = chart.chartArea.top - ABOVE_PLOT;
    chart.$targetLabels = placed.map((p) => ({
      ...p,
      bottom: base - p.row * ROW,
      top: base - p.row * ROW - (ROW - 3),
    }));
    if (rows > chart.$labelRows) {
      // more rows than the room left above the plot: make room, then draw again
      chart.$labelRows = rows;
      requestAnimationFrame(() => chart.update('none'));
    }
  },
};

function labelBox(ctx, i) {
  return ctx.chart.$targetLabels ? ctx.chart.$targetLabels[i] : null;
}

function targetAnnotations(data) {
  const annotations = {};
  const colour = chartColour('target');
  data.targets.forEach((target, i) => {
    if (target.path && target.baseline !== null && target.baselineYear !== null) {
      annotations[`path${i}`] = {
        type: 'line',
        xMin: target.baselineYear,
        yMin: target.baseline,
        xMax: target.year,
        yMax: target.value,
        borderColor: colour,
        borderWidth: 1,
        borderDash: [4, 4],
      };
    }
    annotations[`leader${i}`] = {
      type: 'line',
      xMin: target.year,
      xMax: target.year,
      yMin: target.value,
      yMax: (ctx) => {
        const box = labelBox(ctx, i);
        return box ? ctx.chart.scales.y.getValueForPixel(box.bottom) : target.value;
      },
      borderColor: colour,
      borderWidth: 1,
      borderDash: [1, 3],
    };
    annotations[`target${i}`] = {
      type: 'point',
      xValue: target.year,
      yValue: target.value,
      pointStyle: 'rectRot',
      radius: 6,
      backgroundColor: '#fff',
      borderColor: colour,
      borderWidth: 2,
    };
    annotations[`label${i}`] = {
      type: 'label',
      xValue: (ctx) => {
        const box = labelBox(ctx, i);
        return box ? ctx.chart.scales.x.getValueForPixel((box.left + box.right) / 2) : target.year;
      },
      yValue: (ctx) => {
        const box = labelBox(ctx, i);
        return box ? ctx.chart.scales.y.getValueForPixel((box.top + box.bottom) / 2) : target.value;
      },
      position: 'center',
      padding: { top: LABEL_PAD.y, bottom: LABEL_PAD.y, left: LABEL_PAD.x, right: LABEL_PAD.x },
      backgroundColor: 'rgba(255, 255, 255, 0.9)',
      content: labelText(data, target),
      color: colour,
      font: LABEL_FONT,
    };
  });
  return annotations;
}

for (const canvas of canvases('line')) {
  const data = readData(canvas);
  const years = data.years.concat(data.targets.map((t) => t.year));
  let place = 0;
  const datasets = data.lines.map((line) => {
    const colour = line.national ? chartColour('national') : seriesColour(place++);
    return {
      label: line.label,
      data: data.years.map((year, j) => ({ x: year, y: line.values[j] })), // null: a gap, not a line across
      borderColor: colour,
      backgroundColor: colour,
      borderDash: line.national ? [6, 3] : [],
      borderWidth: 2,
      pointRadius: 2.5,
      spanGaps: false,
      yAxisID: line.secondAxis ? 'y2' : 'y',
    };
  });
  const secondAxis = data.lines.some((line) => line.secondAxis);
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets },
    plugins: [targetLabels],
    options: {
      responsive: true,
      // room above for the rows of target labels, and on the right so the last point is never cut
      layout: {
        padding: (ctx) => ({ top: 8 + ROW * (ctx.chart.$labelRows || 0), right: 16 }),
      },
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
          // on a phone the card's heading names the indicator: the plot keeps the width
          title: {
            display: Boolean(data.axisTitle) && canvas.parentElement.clientWidth >= 500,
            text: axisTitle(data.axisTitle, canvas.parentElement.clientHeight * 0.8),
            font: { size: 11 },
          },
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
        legend: {
          display: data.lines.length > 1,
          position: 'bottom',
          labels: { usePointStyle: true, pointStyle: 'line' },
        },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? String(items[0].parsed.x) : ''),
            label: (ctx) => `${ctx.dataset.label}: ${formatNumber(ctx.parsed.y, data.unit)}`,
          },
        },
        annotation: { clip: false, annotations: targetAnnotations(data) },
      },
    },
  });
  chart.$data = data;
  // One row of labels to start with (more if the first layout finds them needed).
  chart.$labelRows = data.targets.length ? 1 : 0;
  chart.update('none');
}
