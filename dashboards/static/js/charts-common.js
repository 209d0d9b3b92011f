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

// Long indicator names on several lines, so the axis does not cut them off.
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

// The colour of a status key, from the palette in site.css (--status-<key>), so that a bar and the
// badge of the same status agree. Colours only repeat what the text says (tables and tooltips name
// every status).
export function statusColour(key) {
  return getComputedStyle(document.documentElement).getPropertyValue(`--status-${key}`).trim();
}

export const SERIES_COLOURS = ['#0b5cad', '#a5161d', '#1b7a3a', '#8a5a00', '#6b1fa3', '#00838f', '#5b6675'];
export const TARGET_COLOUR = '#a5161d';

Chart.defaults.locale = 'vi-VN';
Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
Chart.defaults.color = '#1d2530';
Chart.defaults.animation = false; // print and screenshots show the finished chart
Chart.defaults.maintainAspectRatio = false;

// Years are labels, not quantities: no thousands separator.
export const yearTicks = { precision: 0, stepSize: 1, autoSkip: true, maxRotation: 0, callback: (value) => String(value) };

function resizeAll() {
  for (const chart of Object.values(Chart.instances)) chart.resize();
}
// Redraw at the paper size when printing (the print stylesheet gives every chart a fixed height).
window.addEventListener('beforeprint', resizeAll);
window.addEventListener('afterprint', resizeAll);
window.matchMedia('print').addEventListener('change', resizeAll);
