// The API, called with URLs relative to the page (/ui/ -> /v1/..., /forecast/ui/ -> /forecast/v1/...), so the page
// needs no configuration behind the gateway. Errors carry the problem details the API answered.

export class ApiError extends Error {
  constructor(status, problem, text) {
    super(describe(status, problem, text));
    this.status = status;
    this.problem = problem;
  }
}

export function createApi(getKey) {
  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    const key = getKey();
    if (key) {
      headers['X-Api-Key'] = key;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      throw new ApiError(response.status, json, text);
    }
    return json;
  }

  const model = (name) => `../v1/models/${encodeURIComponent(name)}`;
  return {
    models: () => call('GET', '../v1/models'),
    exampleHistory: (name) => call('GET', `${model(name)}/example-history`),
    forecast: (name, body) => call('POST', `${model(name)}/forecast`, body),
    anomalies: (name, body) => call('POST', `${model(name)}/anomalies`, body),
  };
}

function describe(status, problem, text) {
  if (status === 401) {
    return 'The API needs a key: enter it in "API key".';
  }
  if (problem && typeof problem === 'object') {
    const fields = problem.errors
      ? ' ' + Object.entries(problem.errors).map(([field, messages]) => `${field}: ${[].concat(messages).join(' ')}`).join('; ')
      : '';
    return `${status} ${problem.title ?? ''}: ${problem.detail ?? ''}${fields}`.trim();
  }
  return `${status} ${text ?? ''}`.trim();
}
