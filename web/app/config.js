// Settings of the map, in one place. Change them here; nothing else needs to know.

/** Where the API lives: `<meta name="phusong-api" content="…">` in index.html if set, else
 * "api/" next to the page (so the map also works when served under a path prefix). */
export const API_BASE = new URL(
  document.querySelector('meta[name="phusong-api"]')?.content || 'api/',
  document.baseURI,
).href;

/** The basemap drawn under our layers when online; `null` for none (a plain background).
 * Every layer of ours draws without it. */
export const BASEMAP = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
  maxZoom: 19,
};

/** After this many failed tiles and none loaded, the basemap is taken down (offline). */
export const BASEMAP_MAX_ERRORS = 4;

/** Where the map looks before the thôn have loaded (the middle of xã Tịnh Thiện). */
export const START_VIEW = { center: [15.17, 108.785], zoom: 13 };

/** Coverage classes: upper bounds (fractions) and colours, low to high. Viridis steps, which
 * stay ordered for colour-blind readers and in greyscale; the top class is the 2030 target. */
export const CLASSES = [
  { upTo: 0.5, color: '#440154', label: '< 50%' },
  { upTo: 0.8, color: '#3b528b', label: '50–80%' },
  { upTo: 0.95, color: '#21918c', label: '80–95%' },
  { upTo: 0.99, color: '#5ec962', label: '95–99%' },
  { upTo: Infinity, color: '#fde725', label: '≥ 99%' },
];
/** A thôn with nothing to measure by the chosen basis (no people, say). */
export const NO_DATA_COLOR = '#bdbdbd';

/** How each operator is drawn: Okabe–Ito hues (colour-blind safe), darkened so that white
 * letters stay legible, plus a shape and a letter, so that no one needs the colour alone.
 * Operators not listed get OTHER_OPERATORS in turn. */
export const OPERATORS = {
  Viettel: { color: '#b84a00', shape: 'circle', letter: 'V' },
  VNPT: { color: '#0072B2', shape: 'square', letter: 'N' },
  MobiFone: { color: '#007a5a', shape: 'diamond', letter: 'M' },
};
export const OTHER_OPERATORS = [
  { color: '#8e4585', shape: 'triangle' },
  { color: '#a05a00', shape: 'triangle' },
  { color: '#333333', shape: 'triangle' },
];

/** Length of the antenna-sector wedges drawn at each site, metres (a direction, not a reach). */
export const SECTOR_DRAW_M = 300;

/** Households are fetched for the view only from this zoom on (they are many). */
export const HOUSEHOLDS_MIN_ZOOM = 13;

/** Thôn names are written on the map from this zoom on. */
export const LABELS_MIN_ZOOM = 13;

/** Longest wait for one API answer, ms (weak connections: be patient, then say so). */
export const FETCH_TIMEOUT_MS = 45000;

/** The measures, in the order shown. */
export const MEASURES = ['4G', '5G', 'mobile', 'fiber', 'fiber_1g'];

/** Bases of the choropleth: key in the figures, and which field of a measure's Figures. */
export const BASES = {
  population: 'population_fraction',
  households: 'households_fraction',
  area: 'area_fraction',
};
