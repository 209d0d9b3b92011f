// The province map (chartjs-chart-geo): every unit coloured as dashboards/maps.py says, clickable to its
// page. The boundaries are the committed GeoJSON (data-geometry); the colours, titles and links come from
// json_script, the same object the SVG beside it (shown for print and without JavaScript) is drawn from.
/* global Chart */
import { canvases, readData, statusColour } from './charts-common.js';

// A colour named by maps.py: a status (--status-<key>, through statusColour) or a map colour (--map-…).
function fill(name) {
  if (name.startsWith('status-')) return statusColour(name.slice('status-'.length));
  return getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim();
}

// "Quần đảo Hoàng Sa (Việt Nam)", "Quần đảo Trường Sa (Việt Nam)" where the islands lie, and a dot in
// the unit's colour on each island (they are far smaller than a pixel), as the SVG draws them.
const archipelagoLabels = {
  id: 'archipelagoLabels',
  afterDatasetsDraw(chart, _args, options) {
    const projection = chart.scales.projection.projection;
    const { ctx } = chart;
    const size = chart.width < 480 ? 10 : 12;
    ctx.save();
    for (const area of options.areas || []) {
      ctx.fillStyle = fill(area.colour);
      for (const point of area.islets) {
        const [x, y] = projection(point);
        ctx.beginPath();
        ctx.arc(x, y, chart.width < 480 ? 1.8 : 2.2, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.font = `italic ${size}px ${Chart.defaults.font.family}`;
    ctx.fillStyle = '#1d2530';
    ctx.textBaseline = 'alphabetic';
    const lineHeight = size + 2;
    for (const label of options.labels || []) {
      const [x, y] = projection([label.lon, label.lat]);
      const first = label.above ? y - lineHeight * (label.lines.length - 1) - 3 : y + size;
      ctx.textAlign = label.anchor === 'end' ? 'right' : label.anchor === 'start' ? 'left' : 'center';
      label.lines.forEach((line, i) => ctx.fillText(line, x, first + i * lineHeight));
    }
    ctx.restore();
  },
};

async function draw(canvas) {
  const data = readData(canvas);
  const response = await fetch(canvas.dataset.geometry);
  if (!response.ok) return; // the SVG stays
  const geometry = await response.json();
  const byCode = new Map(data.areas.map((area) => [area.code, area]));
  const features = geometry.features.filter((f) => byCode.has(f.id));
  const areas = features.map((f) => byCode.get(f.id));
  canvas.closest('[data-map]').classList.add('map-drawn');
  new Chart(canvas, {
    type: 'choropleth',
    data: {
      labels: areas.map((a) => a.name),
      datasets: [
        {
          label: '',
          outline: features,
          showOutline: false,
          clipMap: false,
          data: features.map((feature, i) => ({ feature, value: areas[i].value ?? 0 })),
          backgroundColor: areas.map((a) => fill(a.colour)),
          borderColor: '#fff',
          borderWidth: 0.6,
          hoverBorderColor: '#1d2530',
          hoverBorderWidth: 2,
        },
      ],
    },
    options: {
      responsive: true,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: () => '', label: (item) => areas[item.dataIndex].title } },
        archipelagoLabels: { labels: data.labels, areas: data.areas.filter((a) => a.islets.length) },
      },
      scales: {
        projection: { axis: 'x', projection: 'mercator', padding: 4 },
        color: { axis: 'x', display: false },
      },
      onHover: (event, elements) => {
        event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
      },
      onClick: (_event, elements) => {
        if (elements.length) window.location.assign(areas[elements[0].index].url);
      },
    },
    plugins: [archipelagoLabels],
  });
}

for (const canvas of canvases('map')) draw(canvas);

// The map's own small form (indicator, colouring) submits as soon as a choice changes.
for (const select of document.querySelectorAll('select[data-autosubmit]')) {
  select.addEventListener('change', () => select.form.requestSubmit());
}
