// Overview: how many provinces stand at each status, one stacked bar per indicator.
/* global Chart */
import { canvases, readData, statusColour, wrapLabel } from './charts-common.js';

for (const canvas of canvases('status')) {
  const data = readData(canvas);
  const narrow = canvas.parentElement.clientWidth < 500;
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels.map((label) => wrapLabel(label, narrow ? 20 : 34)),
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
