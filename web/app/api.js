// The API client: every call goes to API_BASE (same origin), with a time limit, and fails
// with an ApiError that carries the status and the problem+json body when there is one.

import { API_BASE, FETCH_TIMEOUT_MS } from './config.js';

/** A failed call: `status` 0 for a network failure or time-out. */
export class ApiError extends Error {
  constructor(status, detail, problem = null) {
    super(detail);
    this.status = status;
    this.problem = problem;
  }
}

/** The absolute URL of an API path with query parameters (empty ones left out). */
export function apiUrl(path, params = {}) {
  const url = new URL(path.replace(/^\//, ''), API_BASE);
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') url.searchParams.set(k, v);
  return url.href;
}

async function call(path, { params, ...init } = {}) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), FETCH_TIMEOUT_MS);
  let res;
  try {
    res = await fetch(apiUrl(path, params), { ...init, signal: ctl.signal, headers: { Accept: 'application/json', ...init.headers } });
  } catch (e) {
    throw new ApiError(0, ctl.signal.aborted ? 'time-out' : e.message);
  } finally {
    clearTimeout(timer);
  }
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text for the message */
  }
  if (!res.ok) {
    const detail = body?.detail || body?.title || text.slice(0, 200) || res.statusText;
    throw new ApiError(res.status, detail, body);
  }
  return body;
}

/** GET a JSON (or GeoJSON) document. */
export const getJSON = (path, params) => call(path, { params });

/** POST a sites FeatureCollection (the file's text, sent as is) with a bearer token. */
export const postSites = (text, token) =>
  call('sites', {
    method: 'POST',
    body: text,
    headers: { 'Content-Type': 'application/geo+json', Authorization: `Bearer ${token}` },
  });

/** The bbox parameter for a Leaflet LatLngBounds. */
export function bboxParam(b) {
  const lon = (v) => Math.min(180, Math.max(-180, v)).toFixed(6);
  const lat = (v) => Math.min(90, Math.max(-90, v)).toFixed(6);
  return [lon(b.getWest()), lat(b.getSouth()), lon(b.getEast()), lat(b.getNorth())].join(',');
}
