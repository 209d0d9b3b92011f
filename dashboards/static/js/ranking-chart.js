// One indicator across provinces for one year, best first, coloured by status, with the target.
/* global Chart */
import { axisTitle, canvases, chartColour, formatNumber, readData, statusColour } from './charts-common.js';

for (const canvas of canvases('ranking')) {
  const data = readData(canvas);
  const targetColour = chartColour('target');
  const datasets = [
    {
      label: data.text.value,
      data: data.values,
      backgroundColor: data.statuses.map(statusColour),
      borderWidth: 0,
      order: 2,
    },
  ];
  const annotations = {};
  if (data.commonTarget !== null) {
    annotations.target = {
      type: 'line',
      xMin: data.commonTarget,
      xMax: data.commonTarget,
      borderColor: targetColour,
      borderWidth: 2,
      borderDash: [6, 4],
    };
    // Named in the legend under the chart, not on the bars it would cover.
    datasets.push({
      type: 'line',
      label: `${data.text.target} ${data.window}: ${formatNumber(data.commonTarget, data.unit)}`,
      data: [],
      borderColor: targetColour,
      backgroundColor: targetColour,
      borderWidth: 2,
      borderDash: [6, 4],
      pointRadius: 0,
    });
  } else if (data.targets.some((t) => t !== null)) {
    // Each province has its own target: a tick mark on its bar.
    datasets.push({
      type: 'line',
      label: `${data.text.target} ${data.window}`,
      data: data.targets,
      showLine: false,
      pointStyle: 'line',
      rotation: 90,
      radius: 9,
      borderWidth: 3,
      borderColor: targetColour,
      backgroundColor: targetColour,
      order: 1,
    });
  }
  new Chart(canvas, {
    type: 'bar',
    data: { labels: data.labels, datasets },
    options: {
      indexAxis: 'y',
      responsive: true,
      scales: {
        x: {
          position: 'top',
          beginAtZero: true,
          suggestedMax: data.unit === 'percent' ? 100 : undefined,
          ticks: { callback: (value) => formatNumber(value, data.unit) },
          title: {
            display: Boolean(data.axisTitle),
            text: axisTitle(data.axisTitle, canvas.parentElement.clientWidth * 0.9),
            font: { size: 11 },
          },
        },
        y: { ticks: { autoSkip: false, font: { size: 11 } } },
      },
      plugins: {
        // the bars wear status colours, which the status legend above names: only the target is listed here
        legend: {
          display: datasets.length > 1,
          position: 'bottom',
          labels: { filter: (item) => item.datasetIndex > 0, usePointStyle: true, pointStyle: 'line' },
        },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const value = formatNumber(ctx.parsed.x, data.unit);
              if (ctx.datasetIndex > 0) return `${ctx.dataset.label}: ${value}`;
              const demo = data.demo[ctx.dataIndex] ? ` (${data.text.demo})` : '';
              return `${value}${demo} · ${data.statusLabels[ctx.dataIndex]}`;
            },
          },
        },
        annotation: { annotations },
      },
    },
  });
}
