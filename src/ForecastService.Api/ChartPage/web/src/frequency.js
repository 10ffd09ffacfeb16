// Timestamps of a regular series given its first one and the model's frequency (10min, 1h, 1d, 1bd, 1w, 1mo), in
// UTC: only used to show an example that the API gave as `start` + values as timestamp,value rows.

export function regularTimestamps(start, frequency, count) {
  const match = /^(\d+)(min|mo|bd|h|d|w)$/.exec(frequency ?? '');
  const first = new Date(start);
  if (!match || Number.isNaN(first.getTime())) {
    throw new Error(`Cannot lay out timestamps from ${start} at frequency ${frequency}.`);
  }
  const multiple = Number(match[1]);
  const unit = match[2];
  const out = [];
  const t = new Date(first.getTime());
  for (let i = 0; i < count; i++) {
    out.push((unit === 'mo' ? addMonths(first, i * multiple) : t).toISOString().replace('.000Z', 'Z'));
    step(t, unit, multiple);
  }
  return out;
}

// As .NET's AddMonths: the same day of the month, clamped to the month's last day (Jan 31 -> Feb 28).
function addMonths(first, months) {
  const t = new Date(first.getTime());
  t.setUTCDate(1);
  t.setUTCMonth(t.getUTCMonth() + months);
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(first.getUTCDate(), last));
  return t;
}

function step(t, unit, multiple) {
  switch (unit) {
    case 'min': t.setUTCMinutes(t.getUTCMinutes() + multiple); break;
    case 'h': t.setUTCHours(t.getUTCHours() + multiple); break;
    case 'd': t.setUTCDate(t.getUTCDate() + multiple); break;
    case 'w': t.setUTCDate(t.getUTCDate() + 7 * multiple); break;
    case 'mo': break; // laid out from the first timestamp by addMonths
    case 'bd':
      do {
        t.setUTCDate(t.getUTCDate() + 1);
      } while (t.getUTCDay() === 0 || t.getUTCDay() === 6);
      break;
    default: throw new Error(`Unknown frequency unit ${unit}.`);
  }
}
