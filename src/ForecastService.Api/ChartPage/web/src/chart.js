/*! The chart is drawn by uPlot (https://github.com/leeoniya/uPlot), MIT license, copyright (c) Leon Sorokin. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLORS = {
  history: '#334155',
  median: '#2563eb',
  band: 'rgba(37, 99, 235, 0.18)',
  bound: 'rgba(37, 99, 235, 0.45)',
  anomaly: '#dc2626',
};

let plot = null;

/**
 * Plots one series: its history, the forecast median with the interval as a shaded band, and the flagged anomalies
 * as red points. `forecast` and `anomalies` may be null (none yet, or unavailable).
 */
export function drawChart(container, { history, forecast, interval, anomalies }) {
  const seconds = (timestamp) => Date.parse(timestamp) / 1000;
  const xs = history.timestamps.map(seconds);
  const forecastXs = forecast ? forecast.timestamps.map(seconds) : [];
  const x = [...xs, ...forecastXs];
  const n = x.length;
  const column = () => new Array(n).fill(null);

  const values = column();
  history.values.forEach((v, i) => { values[i] = v; });

  const median = column();
  const lower = column();
  const upper = column();
  if (forecast) {
    forecast.median.forEach((v, i) => { median[xs.length + i] = v; });
    if (interval) {
      interval.lower.forEach((v, i) => { lower[xs.length + i] = v; });
      interval.upper.forEach((v, i) => { upper[xs.length + i] = v; });
    }
    // The forecast line starts at the last observation, so the two lines join.
    if (xs.length > 0) {
      const last = xs.length - 1;
      median[last] = values[last];
      if (interval) {
        lower[last] = values[last];
        upper[last] = values[last];
      }
    }
  }

  const flagged = column();
  const index = new Map(xs.map((t, i) => [t, i]));
  for (const a of anomalies ?? []) {
    const i = index.get(seconds(a.timestamp));
    if (i !== undefined) {
      flagged[i] = a.value;
    }
  }

  const level = interval ? `${interval.level}%` : '';
  const options = {
    width: Math.max(320, container.clientWidth),
    height: 380,
    scales: { x: { time: true } },
    // Room for five-digit loads with separators; uPlot's default clips them.
    axes: [{}, { size: 80 }],
    series: [
      {},
      { label: 'History', stroke: COLORS.history, width: 1.25, points: { show: false } },
      { label: 'Median', stroke: COLORS.median, width: 2, points: { show: false } },
      { label: `Lower ${level}`, stroke: COLORS.bound, width: 1, points: { show: false } },
      { label: `Upper ${level}`, stroke: COLORS.bound, width: 1, points: { show: false } },
      {
        label: 'Anomaly',
        stroke: COLORS.anomaly,
        fill: COLORS.anomaly,
        width: 0,
        paths: () => null,
        points: { show: true, size: 9, width: 1, stroke: COLORS.anomaly, fill: COLORS.anomaly },
      },
    ],
    bands: interval ? [{ series: [4, 3], fill: COLORS.band }] : [],
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
  };

  if (plot) {
    plot.destroy();
  }
  container.replaceChildren();
  plot = new uPlot(options, [x, values, median, lower, upper, flagged], container);
}

export function resizeChart(container) {
  if (plot) {
    plot.setSize({ width: Math.max(320, container.clientWidth), height: 380 });
  }
}
