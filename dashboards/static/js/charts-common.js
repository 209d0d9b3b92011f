// Shared by the dashboard charts: data from json_script, Vietnamese numbers, status colours.
/* global Chart */

import { formatNumber as formatVietnamese } from './numbers.js';

// A figure as the pages show it (with_unit): up to two decimals, the rule of static/js/numbers.js.
export function formatNumber(value, unit) {
  if (value === null || value === undefined) return '—';
  return formatVietnamese(value, 2, true) + (unit === 'percent' ? '%' : '');
}

export function readData(canvas) {
  return JSON.parse(document.getElementById(canvas.dataset.source).textContent);
}

// Long indicator names on several lines (an array of lines, as Chart.js draws them), so an axis does not
// cut them off or draw them over each other: every chart's labels and axis titles are split here.
export function wrapLabel(label, width = 34) {
  const lines = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function canvases(kind) {
  return document.querySelectorAll(`canvas[data-chart="${kind}"]`);
}

function cssColour(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

// The colour of a status key, from the palette in site.css (--status-<key>), so that a bar and the
// badge of the same status agree. Colours only repeat what the text says (tables and tooltips name
// every status).
export function statusColour(key) {
  return getComputedStyle(document.documentElement).getPropertyValue(`--status-${key}`).trim();
}

// Everything else a chart colours (the places compared, the national line, the targets) takes its
// colour from the chart palette beside the status one in site.css (--chart-series-1 … 6,
// --chart-national, --chart-target), which never uses a status colour (tests/test_chart_colours.py).
export const SERIES_COUNT = 6;
export function seriesColour(i) {
  return cssColour(`--chart-series-${(i % SERIES_COUNT) + 1}`);
}
export function chartColour(name) {
  return cssColour(`--chart-${name}`);
}

// An axis title that names the indicator (and its unit), on as many lines as the room asks: long
// English names wrap rather than run off the chart or over its ticks. The one place axis titles are made.
export function axisTitle(text, room) {
  return text ? wrapLabel(text, Math.max(16, Math.floor(room / 7))) : '';
}

Chart.defaults.locale = 'vi-VN';
Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
Chart.defaults.color = '#1d2530';
Chart.defaults.animation = false; // print and screenshots show the finished chart
Chart.defaults.maintainAspectRatio = false;

// Years are labels, not quantities: no thousands separator.
export const yearTicks = {
  precision: 0,
  stepSize: 1,
  autoSkip: true,
  autoSkipPadding: 10,
  maxRotation: 0,
  callback: (value) => String(value),
};

function resizeAll() {
  for (const chart of Object.values(Chart.instances)) chart.resize();
}
// Redraw at the paper size when printing (the print stylesheet gives every chart a fixed height).
window.addEventListener('beforeprint', resizeAll);
window.addEventListener('afterprint', resizeAll);
window.matchMedia('print').addEventListener('change', resizeAll);
