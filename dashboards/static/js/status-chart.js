// Overview: how many provinces stand at each status, one stacked bar per indicator.
/* global Chart */
import { canvases, readData, statusColour, wrapLabel } from './charts-common.js';

for (const canvas of canvases('status')) {
  const data = readData(canvas);
  const box = canvas.parentElement;
  const narrow = box.clientWidth < 500;
  const labels = data.labels.map((label) => wrapLabel(label, narrow ? 24 : 34));
  // Bars share the height equally: each gets room for the longest name's lines plus a gap, so that long
  // (English) names never run into the next one.
  const lineHeight = (narrow ? 10 : 12) * 1.2;
  const lines = Math.max(2, ...labels.map((l) => l.length));
  const needed = labels.length * (lines * lineHeight + 14) + 130;
  if (box.clientHeight < needed) box.style.height = `${Math.ceil(needed)}px`;
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: data.statuses.map((status) => ({
        label: status.label,
        data: status.counts,
        backgroundColor: statusColour(status.key),
        borderColor: '#fff',
        borderWidth: 1,
      })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      scales: {
        x: { stacked: true, ticks: { precision: 0 }, title: { display: true, text: data.axis } },
        y: { stacked: true, ticks: { autoSkip: false, font: { size: narrow ? 10 : 12 } } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.formattedValue}` } },
      },
    },
  });
}
