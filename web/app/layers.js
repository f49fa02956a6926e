// The Leaflet map and our layers on it: thôn choropleth, gaps, sites with sectors, fiber
// routes, households, and the optional basemap. Drawing only: what to draw comes from main.js.

import {
  BASEMAP, BASEMAP_MAX_ERRORS, START_VIEW, CLASSES, NO_DATA_COLOR, OPERATORS, OTHER_OPERATORS,
  SECTOR_DRAW_M, LABELS_MIN_ZOOM,
} from './config.js';
import { h } from './dom.js';

const L = window.L;

/** The class colour of a coverage fraction, or the no-data grey for null. */
export function classColor(frac) {
  if (frac == null || !Number.isFinite(frac)) return NO_DATA_COLOR;
  return CLASSES.find((c) => frac < c.upTo - 1e-9 || c.upTo === Infinity).color;
}

const extraStyles = new Map();
/** How an operator is drawn: colour, shape and letter. */
export function operatorStyle(name) {
  if (OPERATORS[name]) return OPERATORS[name];
  if (!extraStyles.has(name)) {
    const base = OTHER_OPERATORS[extraStyles.size % OTHER_OPERATORS.length];
    extraStyles.set(name, { ...base, letter: (name || '?').trim().charAt(0).toUpperCase() || '?' });
  }
  return extraStyles.get(name);
}

/** The marker of an operator, as an element (also used in the legend). */
export function operatorBadge(name, has5g = false) {
  const s = operatorStyle(name);
  return h('span', { class: `site-marker shape-${s.shape}${has5g ? ' has-5g' : ''}`, style: `--op:${s.color}`, 'aria-hidden': 'true' },
    h('span', { class: 'site-letter' }, s.letter));
}

const M_LAT = 110_574;
const mLon = (lat) => 111_320 * Math.cos((lat * Math.PI) / 180);

/** A wedge (list of [lat, lon]) from a site, for an azimuth and beamwidth in degrees. */
function wedge([lon, lat], azimuth, beamwidth, lengthM) {
  const pts = [[lat, lon]];
  const half = Math.min(beamwidth, 359) / 2;
  const steps = Math.max(4, Math.ceil(beamwidth / 6));
  for (let i = 0; i <= steps; i++) {
    const a = ((azimuth - half + (2 * half * i) / steps) * Math.PI) / 180;
    pts.push([lat + (lengthM * Math.cos(a)) / M_LAT, lon + (lengthM * Math.sin(a)) / mLon(lat)]);
  }
  return pts;
}

export class MapView {
  /** `onClick(latlng, thonId|null)` when the map is clicked; `popupFor(site)` gives a
   * site's popup content. */
  constructor(el, { onClick, popupFor, onBasemapOffline }) {
    this.popupFor = popupFor;
    this.onBasemapOffline = onBasemapOffline;
    const map = (this.map = L.map(el, { zoomSnap: 0.5, minZoom: 5, maxZoom: 19, worldCopyJump: false }));
    map.setView(START_VIEW.center, START_VIEW.zoom);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
    for (const [name, z] of [['thon', 400], ['gaps', 410], ['sectors', 420], ['fiber', 430], ['households', 440]]) {
      map.createPane(name).style.zIndex = z;
    }
    this.hhRenderer = L.canvas({ pane: 'households', padding: 0.2 });
    this.groups = {
      thon: L.layerGroup(), gaps: L.layerGroup(), sites: L.layerGroup(),
      sectors: L.layerGroup(), fiber: L.layerGroup(), households: L.layerGroup(),
    };
    this.operatorGroups = new Map(); // operator -> {markers, sectors}
    this.thonLayers = new Map(); // id -> L.Polygon
    this.selected = null;
    this.visible = {};
    map.on('click', (e) => onClick(e.latlng, this.thonAt(e.latlng)));
    map.on('zoomend', () => this.#labels());
    this.#labels();
  }

  /** Shows or hides one of our layers (thon, gaps, sites, sectors, fiber, households). */
  setVisible(name, on) {
    this.visible[name] = on;
    const g = this.groups[name];
    if (on && !this.map.hasLayer(g)) g.addTo(this.map);
    if (!on && this.map.hasLayer(g)) this.map.removeLayer(g);
  }

  /** Turns the basemap on or off. Off when BASEMAP is null. */
  setBasemap(on) {
    if (!BASEMAP) return;
    if (on && !this.basemap) {
      let errors = 0, loaded = 0;
      this.basemap = L.tileLayer(BASEMAP.url, { attribution: BASEMAP.attribution, maxZoom: BASEMAP.maxZoom, crossOrigin: false })
        .on('tileload', () => (loaded += 1))
        .on('tileerror', () => {
          errors += 1;
          if (errors >= BASEMAP_MAX_ERRORS && loaded === 0) {
            this.setBasemap(false);
            this.onBasemapOffline?.();
          }
        })
        .addTo(this.map);
    } else if (!on && this.basemap) {
      this.map.removeLayer(this.basemap);
      this.basemap = null;
    }
  }

  /** Draws the thôn with `style(feature)` → {fillColor}; `label(feature)` their names. */
  drawThon(fc, style) {
    this.groups.thon.clearLayers();
    this.thonLayers.clear();
    this.thonFc = fc;
    this.thonStyle = style;
    const layer = L.geoJSON(fc, {
      pane: 'thon',
      className: 'thon-area',
      style: (f) => this.#thonStyle(f),
      onEachFeature: (f, l) => {
        const id = f.properties.id;
        this.thonLayers.set(id, l);
        l.bindTooltip(f.properties.name, { permanent: true, direction: 'center', className: 'thon-label', interactive: false });
        l.on('add', () => {
          const el = l.getElement();
          el.dataset.thonId = id;
          el.setAttribute('aria-label', f.properties.name);
        });
        l.on('mouseover', () => l.setStyle({ weight: id === this.selected ? 3.5 : 2.5 }));
        l.on('mouseout', () => l.setStyle(this.#thonStyle(f)));
      },
    });
    this.groups.thon.addLayer(layer);
    this.thonGeo = layer;
  }

  /** Recolours the thôn (new measure or basis, new figures). */
  restyleThon(style) {
    if (style) this.thonStyle = style;
    this.thonGeo?.eachLayer((l) => l.setStyle(this.#thonStyle(l.feature)));
  }

  #thonStyle(f) {
    const selected = f.properties.id === this.selected;
    return {
      fillColor: this.thonStyle(f).fillColor,
      fillOpacity: 0.72,
      color: selected ? '#000' : '#fff',
      weight: selected ? 3.5 : 1.5,
      opacity: 1,
    };
  }

  /** Highlights a thôn (or none). */
  select(id) {
    this.selected = id;
    this.restyleThon();
    if (id) this.thonLayers.get(id)?.bringToFront();
  }

  /** Fits the view to one thôn, or to all. */
  fit(id) {
    const target = id ? this.thonLayers.get(id) : this.thonGeo;
    const b = target?.getBounds();
    if (b?.isValid()) this.map.fitBounds(b, { padding: [16, 16], maxZoom: 16 });
  }

  /** The thôn id containing a point, or null. */
  thonAt(latlng) {
    for (const [id, l] of this.thonLayers) {
      if (l.getBounds().contains(latlng) && containsGeo(l.feature.geometry, [latlng.lng, latlng.lat])) return id;
    }
    return null;
  }

  /** Draws the gap polygons of one measure. */
  drawGaps(fc) {
    this.groups.gaps.clearLayers();
    this.groups.gaps.addLayer(L.geoJSON(fc, {
      pane: 'gaps',
      className: 'gap-area',
      interactive: false,
      style: () => ({ fillColor: 'url(#gap-hatch)', fillOpacity: 1, color: '#111', weight: 1.2, dashArray: '4 3', opacity: 0.9 }),
      onEachFeature: (f, l) => l.on('add', () => (l.getElement().dataset.thonId = f.properties.thon_id)),
    }));
  }

  /** Draws the sites as operator markers with their sectors; `dim(site)` fades one. */
  drawSites(fc, dim = () => false) {
    this.groups.sites.clearLayers();
    this.groups.sectors.clearLayers();
    this.operatorGroups.clear();
    for (const f of fc.features) {
      const p = f.properties;
      if (f.geometry?.type !== 'Point') continue;
      const [lon, lat] = f.geometry.coordinates;
      const op = p.operator;
      if (!this.operatorGroups.has(op)) {
        this.operatorGroups.set(op, { markers: L.layerGroup().addTo(this.groups.sites), sectors: L.layerGroup().addTo(this.groups.sectors) });
      }
      const g = this.operatorGroups.get(op);
      const tech = [].concat(p.tech ?? []);
      const style = operatorStyle(op);
      const title = `${op} ${p.id} (${tech.join(', ')})`;
      const icon = L.divIcon({ html: operatorBadge(op, tech.includes('5G')), className: `site-icon${dim(f) ? ' site-dim' : ''}`, iconSize: [22, 22], iconAnchor: [11, 11], popupAnchor: [0, -10] });
      const marker = L.marker([lat, lon], { icon, title, alt: title, keyboard: true, riseOnHover: true });
      marker.bindPopup(() => this.popupFor(f), { maxWidth: 260 });
      marker.on('add', () => (marker.getElement().dataset.siteId = p.id));
      g.markers.addLayer(marker);
      for (const s of p.sectors ?? []) {
        if (!Number.isFinite(s.azimuth_deg)) continue;
        g.sectors.addLayer(L.polygon(wedge([lon, lat], s.azimuth_deg, s.beamwidth_deg ?? 65, SECTOR_DRAW_M), {
          pane: 'sectors', interactive: false, color: style.color, weight: 1, fillColor: style.color, fillOpacity: dim(f) ? 0.08 : 0.28, opacity: dim(f) ? 0.35 : 0.9,
        }));
      }
    }
  }

  /** The operators that have sites drawn. */
  siteOperators() {
    return [...this.operatorGroups.keys()];
  }

  /** Shows or hides one operator's sites and sectors. */
  setOperatorVisible(op, on) {
    const g = this.operatorGroups.get(op);
    if (!g) return;
    for (const [layer, parent] of [[g.markers, this.groups.sites], [g.sectors, this.groups.sectors]]) {
      if (on && !parent.hasLayer(layer)) parent.addLayer(layer);
      if (!on && parent.hasLayer(layer)) parent.removeLayer(layer);
    }
  }

  /** Draws the fiber routes: solid at ≥ 1 Gb/s, dashed below, on a white casing. */
  drawFiber(fc) {
    this.groups.fiber.clearLayers();
    const common = { pane: 'fiber', interactive: false };
    this.groups.fiber.addLayer(L.geoJSON(fc, { ...common, style: () => ({ color: '#fff', weight: 6, opacity: 0.9 }) }));
    this.groups.fiber.addLayer(L.geoJSON(fc, {
      ...common,
      className: 'fiber-route',
      style: (f) => ({ color: operatorStyle(f.properties.operator).color, weight: 3.5, opacity: 1, dashArray: f.properties.max_speed_mbps >= 1000 ? null : '7 5' }),
    }));
  }

  /** Draws households: covered for `measure` a small light dot, not covered a larger dark one. */
  drawHouseholds(fc, measure) {
    this.groups.households.clearLayers();
    for (const f of fc?.features ?? []) {
      if (f.geometry?.type !== 'Point') continue;
      const [lon, lat] = f.geometry.coordinates;
      const covered = f.properties?.covered?.[measure];
      this.groups.households.addLayer(L.circleMarker([lat, lon], covered
        ? { renderer: this.hhRenderer, interactive: false, radius: 2.5, color: '#222', weight: 1, fillColor: '#fff', fillOpacity: 1 }
        : { renderer: this.hhRenderer, interactive: false, radius: 3.5, color: '#fff', weight: 1, fillColor: '#d7191c', fillOpacity: 1 }));
    }
  }

  #labels() {
    this.map.getContainer().classList.toggle('hide-labels', this.map.getZoom() < LABELS_MIN_ZOOM);
  }
}

/** Is a [lon, lat] inside a GeoJSON Polygon or MultiPolygon (holes excluded)? */
export function containsGeo(g, p) {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polys.some((rings) => inRing(p, rings[0]) && !rings.slice(1).some((r) => inRing(p, r)));
}

function inRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
