import { createApi, ApiError } from './api.js';
import { parseCsv, toCsv } from './csv.js';
import { regularTimestamps } from './frequency.js';
import { drawChart, resizeChart } from './chart.js';
import './app.css';

// How many forecast steps the table lists.
const TABLE_STEPS = 12;

const $ = (id) => document.getElementById(id);
const ui = {
  model: $('model'),
  level: $('level'),
  apiKey: $('api-key'),
  info: $('model-info'),
  csv: $('csv'),
  file: $('csv-file'),
  example: $('load-example'),
  run: $('run'),
  status: $('status'),
  seriesPicker: $('series-picker'),
  series: $('series'),
  anomalies: $('anomaly-summary'),
  chart: $('chart'),
  steps: $('steps'),
  lowerHead: $('lower-head'),
  upperHead: $('upper-head'),
};

const api = createApi(() => ui.apiKey.value.trim());
let models = [];
let result = null; // { model, series, forecast, interval level, anomalies | null, anomaliesError | null }

function setStatus(text, kind = 'info') {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

function selectedModel() {
  return models.find((m) => m.name === ui.model.value);
}

async function loadModels() {
  try {
    models = (await api.models()).filter((m) => m.status === 'ready');
  } catch (error) {
    models = [];
    setStatus(`Cannot list the models: ${error.message}`, 'error');
  }
  const previous = ui.model.value;
  ui.model.replaceChildren(...models.map((m) => new Option(`${m.name} (v${m.version}, ${m.frequency})`, m.name)));
  if (models.some((m) => m.name === previous)) {
    ui.model.value = previous;
  }
  if (models.length === 0 && ui.status.dataset.kind !== 'error') {
    setStatus('No model is serving yet.', 'error');
  }
  showModel();
}

function showModel() {
  const model = selectedModel();
  ui.level.replaceChildren();
  if (!model) {
    ui.info.textContent = '';
    return;
  }
  const levels = model.levels ?? [];
  ui.level.replaceChildren(...levels.map((l) => new Option(`${l}%`, String(l))));
  if (levels.length > 0) {
    ui.level.value = String(levels.includes(80) ? 80 : levels[levels.length - 1]);
  }
  ui.info.textContent = `${model.description ?? model.name} Needs at least ${model.lookback} points at ${model.frequency}; forecasts ${model.horizon} steps.`;
}

async function loadExample() {
  const model = selectedModel();
  if (!model) {
    return;
  }
  setStatus(`Loading ${model.name}'s example…`);
  try {
    const body = await api.exampleHistory(model.name);
    const series = (body.series ?? []).map((s, i) => ({
      id: s.id ?? `series-${i + 1}`,
      timestamps: s.timestamps ?? regularTimestamps(s.start, model.frequency, s.values.length),
      values: s.values,
    }));
    ui.csv.value = toCsv(series);
    const points = series.reduce((sum, s) => sum + s.values.length, 0);
    setStatus(`Loaded ${model.name}'s example: ${series.length} series, ${points} points. Press Forecast.`);
  } catch (error) {
    setStatus(`Cannot load the example: ${error.message}`, 'error');
  }
}

async function readFile() {
  const file = ui.file.files?.[0];
  if (!file) {
    return;
  }
  ui.csv.value = await file.text();
  setStatus(`Read ${file.name} (${file.size} bytes). Press Forecast.`);
}

async function run() {
  const model = selectedModel();
  if (!model) {
    setStatus('Pick a model first.', 'error');
    return;
  }
  let series;
  try {
    series = parseCsv(ui.csv.value);
  } catch (error) {
    setStatus(error.message, 'error');
    return;
  }

  const level = ui.level.value === '' ? null : Number(ui.level.value);
  ui.run.disabled = true;
  setStatus(`Forecasting ${series.length} series with ${model.name}…`);
  try {
    const [forecast, anomalies] = await Promise.allSettled([
      api.forecast(model.name, { levels: level === null ? [] : [level], series }),
      api.anomalies(model.name, { level: null, step: 1, series }),
    ]);
    if (forecast.status === 'rejected') {
      throw forecast.reason;
    }
    result = {
      model: model.name,
      series,
      level,
      forecast: forecast.value,
      anomalies: anomalies.status === 'fulfilled' ? anomalies.value : null,
      anomaliesError: anomalies.status === 'rejected' ? anomalies.reason : null,
    };
    showSeriesPicker();
    render();
    setStatus(`Forecast by ${forecast.value.model} v${forecast.value.version} on ${forecast.value.executionProvider}.`, 'ok');
  } catch (error) {
    setStatus(`Forecast failed: ${error.message}`, 'error');
  } finally {
    ui.run.disabled = false;
  }
}

function showSeriesPicker() {
  ui.series.replaceChildren(...result.series.map((s, i) => new Option(s.id, String(i))));
  ui.seriesPicker.hidden = result.series.length < 2;
}

function render() {
  if (!result) {
    return;
  }
  const index = Number(ui.series.value || 0);
  const history = result.series[index];
  const forecast = result.forecast.forecasts[index];
  const interval = forecast.intervals.find((i) => i.level === result.level) ?? forecast.intervals[0] ?? null;
  const flagged = result.anomalies?.series?.[index]?.anomalies ?? [];

  renderAnomalySummary();
  drawChart(ui.chart, { history, forecast, interval, anomalies: flagged });
  renderTable(forecast, interval);
}

function renderAnomalySummary() {
  const el = ui.anomalies;
  delete el.dataset.count;
  if (result.anomalies) {
    const all = result.anomalies.series ?? [];
    const count = all.reduce((sum, s) => sum + s.anomalies.length, 0);
    const checked = all.reduce((sum, s) => sum + s.checked, 0);
    el.dataset.state = 'ok';
    el.dataset.count = String(count);
    el.textContent = `${count} ${count === 1 ? 'anomaly' : 'anomalies'} flagged outside the ${result.anomalies.level}% interval among ${checked} checked points.`;
  } else if (result.anomaliesError instanceof ApiError && (result.anomaliesError.status === 404 || result.anomaliesError.status === 405)) {
    el.dataset.state = 'unavailable';
    el.textContent = 'Anomalies are unavailable: this API has no anomalies endpoint.';
  } else {
    el.dataset.state = 'error';
    el.textContent = `Anomalies could not be checked: ${result.anomaliesError?.message ?? 'no answer'}`;
  }
}

function renderTable(forecast, interval) {
  const format = (v) => (Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(5));
  const cell = (text, value) => {
    const td = document.createElement('td');
    td.textContent = text;
    if (value !== undefined) {
      td.dataset.value = String(value);
    }
    return td;
  };
  ui.lowerHead.textContent = interval ? `Lower ${interval.level}%` : 'Lower';
  ui.upperHead.textContent = interval ? `Upper ${interval.level}%` : 'Upper';
  const rows = forecast.timestamps.slice(0, TABLE_STEPS).map((timestamp, i) => {
    const tr = document.createElement('tr');
    tr.append(
      cell(String(i + 1)),
      cell(timestamp),
      cell(format(forecast.median[i]), forecast.median[i]),
      cell(interval ? format(interval.lower[i]) : '', interval?.lower[i]),
      cell(interval ? format(interval.upper[i]) : '', interval?.upper[i]),
    );
    return tr;
  });
  ui.steps.tBodies[0].replaceChildren(...rows);
  ui.steps.hidden = false;
}

ui.model.addEventListener('change', showModel);
ui.apiKey.addEventListener('change', loadModels);
ui.example.addEventListener('click', loadExample);
ui.file.addEventListener('change', readFile);
ui.run.addEventListener('click', run);
ui.series.addEventListener('change', render);
window.addEventListener('resize', () => resizeChart(ui.chart));
loadModels();
