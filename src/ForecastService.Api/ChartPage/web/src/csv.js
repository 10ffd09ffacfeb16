// CSV <-> the API's series. Accepted: `timestamp,value` or `id,timestamp,value` rows (comma, semicolon or tab), an
// optional header row naming the columns in any order, blank lines and `#` comments. Timestamps are passed to the API
// as written: it is the one that checks them against the model's frequency.

const ID_NAMES = ['id', 'series', 'series_id', 'unique_id', 'name', 'key'];
const TIME_NAMES = ['timestamp', 'time', 'date', 'datetime', 'ds', 't'];
const VALUE_NAMES = ['value', 'values', 'y', 'target', 'observation'];

/** Parses CSV text into `[{ id, timestamps, values }]`, or throws an Error naming the line at fault. */
export function parseCsv(text) {
  const rows = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      rows.push({ line: index + 1, cells: splitRow(trimmed) });
    }
  });
  if (rows.length === 0) {
    throw new Error('The CSV is empty: paste or upload timestamp,value rows, or load the model\'s example.');
  }

  let columns;
  if (rows[0].cells.every((cell) => !isNumber(cell))) {
    columns = columnsFromHeader(rows[0]);
    rows.shift();
  } else {
    columns = columnsByPosition(rows[0]);
  }

  const byId = new Map();
  for (const { line, cells } of rows) {
    const timestamp = cells[columns.time] ?? '';
    const raw = cells[columns.value] ?? '';
    if (timestamp === '') {
      throw new Error(`Line ${line}: no timestamp.`);
    }
    if (!isNumber(raw)) {
      throw new Error(`Line ${line}: "${raw}" is not a number (every value must be a finite number).`);
    }
    const id = columns.id === undefined ? 'series-1' : (cells[columns.id] || 'series-1');
    let series = byId.get(id);
    if (!series) {
      series = { id, timestamps: [], values: [] };
      byId.set(id, series);
    }
    series.timestamps.push(timestamp);
    series.values.push(Number(raw));
  }
  if (byId.size === 0) {
    throw new Error('The CSV has a header but no data rows.');
  }
  return [...byId.values()];
}

/** Writes series as CSV: `timestamp,value` for one series, `id,timestamp,value` for several. */
export function toCsv(series) {
  const several = series.length > 1;
  const lines = [several ? 'id,timestamp,value' : 'timestamp,value'];
  for (const s of series) {
    s.timestamps.forEach((timestamp, i) => {
      lines.push(several ? `${quote(s.id)},${timestamp},${s.values[i]}` : `${timestamp},${s.values[i]}`);
    });
  }
  return lines.join('\n') + '\n';
}

function splitRow(line) {
  const delimiter = line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function columnsFromHeader({ line, cells }) {
  const names = cells.map((c) => c.toLowerCase());
  const find = (candidates) => {
    const index = names.findIndex((n) => candidates.includes(n));
    return index < 0 ? undefined : index;
  };
  const columns = { id: find(ID_NAMES), time: find(TIME_NAMES), value: find(VALUE_NAMES) };
  if (columns.time !== undefined && columns.value !== undefined) {
    return columns;
  }
  if (cells.length === 2 || cells.length === 3) {
    return columnsByPosition({ line, cells });
  }
  throw new Error(`Line ${line}: the header needs a timestamp column (${TIME_NAMES.join('/')}) and a value column (${VALUE_NAMES.join('/')}).`);
}

function columnsByPosition({ line, cells }) {
  if (cells.length === 2) {
    return { id: undefined, time: 0, value: 1 };
  }
  if (cells.length === 3) {
    return { id: 0, time: 1, value: 2 };
  }
  throw new Error(`Line ${line}: expected timestamp,value or id,timestamp,value, found ${cells.length} columns.`);
}

function isNumber(text) {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

function quote(text) {
  return /[",;\t\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
