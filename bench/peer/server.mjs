// The peer: what a team would write in an afternoon. One onnxruntime-node session per model; each request runs its
// own series as one batch (no cross-request batching), with the same inputs ForecastService builds: the last
// `lookback` values and sin/cos calendar covariates of each timestamp's wall clock (see CalendarFeatures.cs).
// Usage: node server.mjs <port> <models-root>; prints "ready" once every model is loaded. cluster.mjs runs one copy
// per core on the same port.
import cluster from 'node:cluster';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';

const [port, root] = [Number(process.argv[2]), process.argv[3]];
const units = { min: 60e3, h: 3600e3, d: 86400e3 };
const models = new Map();

for (const name of fs.readdirSync(root)) {
  const dir = path.join(root, name);
  if (!fs.statSync(dir).isDirectory()) continue;
  const version = Math.max(...fs.readdirSync(dir).filter(v => /^\d+$/.test(v)).map(Number));
  const card = JSON.parse(fs.readFileSync(path.join(dir, String(version), 'model.json'), 'utf8'));
  const [, count, unit] = /^(\d+)(min|h|d)$/.exec(card.frequency) ?? [];
  if (!unit) continue; // the peer only knows fixed-length steps
  const session = await ort.InferenceSession.create(path.join(dir, String(version), 'model.onnx'), {
    executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all',
  });
  const levels = [];
  for (const q of card.quantiles) if (q < 0.5 && card.quantiles.some(p => Math.abs(p - (1 - q)) < 1e-9)) levels.push(Math.round((1 - 2 * q) * 100));
  levels.sort((a, b) => a - b);
  models.set(name, { card, version, session, step: Number(count) * units[unit], daily: unit !== 'd', levels });
}

// Sin/cos of time of day and day of week (intraday) or day of week and day of year (daily), on the UTC wall clock.
function covariates(model, t, out, offset) {
  const d = new Date(t);
  const dayFraction = (d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds()) / 86400;
  const monday = (d.getUTCDay() + 6) % 7;
  const dayOfYear = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400e3) + 1;
  const cycles = model.daily ? [dayFraction, (monday + dayFraction) / 7] : [(monday + dayFraction) / 7, (dayOfYear - 1 + dayFraction) / 365.25];
  for (let i = 0; i < cycles.length; i++) {
    out[offset + 2 * i] = Math.sin(2 * Math.PI * cycles[i]);
    out[offset + 2 * i + 1] = Math.cos(2 * Math.PI * cycles[i]);
  }
}

const iso = t => new Date(t).toISOString().replace('.000Z', 'Z');

function fail(res, status, title, detail) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

async function forecast(model, request, res) {
  const { lookback: L, horizon: H, quantiles } = model.card;
  const C = model.card.covariates.length, Q = quantiles.length;
  const series = request.series ?? [];
  const B = series.length;
  if (B === 0) return fail(res, 400, 'Invalid forecast request', 'series is empty');
  const values = new Float32Array(B * L), past = new Float32Array(B * L * C), future = new Float32Array(B * H * C);
  const futureTimes = [];
  for (let b = 0; b < B; b++) {
    const s = series[b];
    if (!Array.isArray(s.values) || s.values.length < L) return fail(res, 400, 'Invalid forecast request', `series[${b}].values needs ${L} values`);
    const n = s.values.length;
    const times = s.timestamps ? s.timestamps.slice(n - L).map(Date.parse) : null;
    const start = s.start ? Date.parse(s.start) : NaN;
    for (let i = 0; i < L; i++) {
      const v = s.values[n - L + i];
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(res, 400, 'Invalid forecast request', `series[${b}].values[${n - L + i}] is not a number`);
      values[b * L + i] = v;
      covariates(model, times ? times[i] : start + (n - L + i) * model.step, past, (b * L + i) * C);
    }
    const last = times ? times[L - 1] : start + (n - 1) * model.step;
    const steps = [];
    for (let h = 0; h < H; h++) {
      steps.push(last + (h + 1) * model.step);
      covariates(model, steps[h], future, (b * H + h) * C);
    }
    futureTimes.push(steps);
  }

  const result = await model.session.run({
    values: new ort.Tensor('float32', values, [B, L]),
    past_covariates: new ort.Tensor('float32', past, [B, L, C]),
    future_covariates: new ort.Tensor('float32', future, [B, H, C]),
  });
  const out = result.quantiles.data;
  const horizon = Math.min(request.horizon ?? H, H);
  const column = (b, q) => Array.from({ length: horizon }, (_, h) => out[(b * H + h) * Q + q]);
  const median = quantiles.findIndex(q => Math.abs(q - 0.5) < 1e-9);
  const forecasts = series.map((s, b) => {
    const byQuantile = {};
    quantiles.forEach((q, i) => { byQuantile[String(q)] = column(b, i); });
    return {
      id: s.id,
      timestamps: futureTimes[b].slice(0, horizon).map(iso),
      median: column(b, median),
      quantiles: byQuantile,
      intervals: (request.levels ?? model.levels).map(level => {
        const lo = quantiles.findIndex(q => Math.abs(q - (1 - level / 100) / 2) < 1e-9);
        const hi = quantiles.findIndex(q => Math.abs(q - (1 + level / 100) / 2) < 1e-9);
        return { level, lower: column(b, lo), upper: column(b, hi) };
      }),
    };
  });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ model: model.card.name, version: model.version, executionProvider: 'CPU', forecasts }));
}

// Under cluster.mjs a worker is ready only once every worker listens: keep-alive connections stay with the worker
// that accepted them, so load that started while one worker was still loading would never reach it.
let everyWorkerListens = !cluster.isWorker;
process.on('message', message => { if (message === 'every-worker-listens') everyWorkerListens = true; });

const route = /^\/v1\/models\/([^/]+)\/forecast$/;
http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health/ready' && !everyWorkerListens) {
    res.writeHead(503, { 'content-type': 'text/plain' });
    return res.end('Starting');
  }
  if (req.method === 'GET' && (req.url === '/health/ready' || req.url === '/health/live')) {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return res.end('Healthy');
  }
  const match = req.method === 'POST' && route.exec(req.url);
  const model = match && models.get(match[1]);
  if (!model) return fail(res, 404, 'Not found', req.url);
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    let request;
    try { request = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return fail(res, 400, 'Malformed JSON', 'body is not JSON'); }
    forecast(model, request, res).catch(e => fail(res, 500, 'Model run failed', String(e)));
  });
}).listen(port, '127.0.0.1', () => console.log('ready'));
