import 'leaflet/dist/leaflet.css';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import * as L from 'leaflet';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { MapCluster } from '../api/incidents.js';
import type { BaseLayer, MapPlace } from '../api/map.js';
import { type ChoroplethClass, TONES, toneOf } from '../choropleth.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { type CercleProperties, cercleAt, maliBoundaries } from '../maliBoundaries.js';

/**
 * Mali on a Leaflet map drawn from the shipped boundaries and the gazetteer's towns, over the
 * mission's base layer when it has one (its tile server or the archive the server reads: nothing
 * else is fetched, so it works offline): regions and cercles, cercles coloured by their number of
 * incidents, and the server's clusters of incidents as round markers; one incident's marker opens
 * a preview with a link to its record. Leaflet owns the DOM inside the container; React only feeds
 * it data, and renders the preview into the popup. Colours live in styles.css (classes on the SVG
 * paths and markers), not in this code.
 */

/** What the map shows, as the map endpoint takes it. */
export interface MapView {
  /** Leaflet's zoom level, rounded. */
  zoom: number;
  /** west,south,east,north in degrees. */
  bbox: string;
}

interface MaliMapProps {
  /** Incidents per cercle code, for the whole filter. */
  cercleCounts: ReadonlyMap<string, number>;
  classes: readonly ChoroplethClass[];
  clusters: readonly MapCluster[];
  /** The gazetteer's towns, named as the zoom allows. */
  places: readonly MapPlace[];
  /** The tiles drawn under the boundaries, if any. */
  baseLayer: BaseLayer | null;
  /** Once the map shows Mali, then after each move or zoom (debounced). */
  onViewChange: (view: MapView) => void;
  /** The preview of one incident, shown when its marker is chosen; `close` closes it. */
  renderPreview: (cluster: MapCluster, close: () => void) => ReactNode;
  /** A group of incidents at one place, which zooming cannot split, was chosen; with the cercle it lies in. */
  onOpenGroup: (cercle: string | null) => void;
  /** The map's name, for assistive technologies. */
  label: string;
  /** The id of the keyboard instructions. */
  describedBy: string;
  /** A marker's name when it is not an incident (a court, a prison, a project's place); incidents' names otherwise. */
  markerLabel?: (cluster: MapCluster) => string;
  /** A cercle's tooltip when it counts something other than incidents (facilities, project places). */
  cercleLabel?: (name: string, count: number) => string;
  /** Routes (lines) and areas (polygons) drawn over the boundaries, fitted into view (the operations log). */
  shapes?: readonly Geometry[];
  /** Whether the view is fitted to the shapes when they change (not while they are being drawn). */
  fitShapes?: boolean;
  /** Points drawn as small dots with their name as tooltip (the operational picture's incidents, alerts, team sites). */
  points?: readonly MapPoint[];
  /** A click on the map, where (drawing a route or an area). */
  onMapClick?: (latitude: number, longitude: number) => void;
}

/** A dot on the map; `kind` is its class in styles.css (`map-point-<kind>`). */
export interface MapPoint {
  latitude: number;
  longitude: number;
  kind: string;
  label: string;
}

const MAX_ZOOM = 11;
/** Below this zoom, the names of small regions (the District of Bamako) would cover their neighbours'. */
const DETAIL_ZOOM = 7;
/** Below this zoom (Mali on a phone), region names are set smaller. */
const FAR_ZOOM = 5;
const VIEW_DEBOUNCE_MS = 300;
/** From this zoom the seats of cercles are named, and from the next every town (regional capitals always). */
const CERCLE_SEATS_ZOOM = 6.5;
const ALL_TOWNS_ZOOM = 7.5;
/** Where a town's name may go beside its dot, in order of preference (classes of styles.css). */
const TOWN_SIDES = ['town-right', 'town-left', 'town-above', 'town-below'];

interface Layers {
  map: L.Map;
  cercles: L.GeoJSON<CercleProperties>;
  markers: L.LayerGroup;
  /** Markers on the map, by what they show: kept when a new answer has the same cluster (and its keyboard focus). */
  byKey: Map<string, L.Marker>;
  controls: L.Control[];
  towns: L.LayerGroup;
  base: L.TileLayer | null;
  popup: L.Popup;
  /** The marker whose preview the popup shows. */
  previewOf: L.Marker | null;
  /** Fits Mali in the box again, unless the user has moved the map. */
  refit: () => void;
  /** Hides the names that would cover a more important one, at this zoom. */
  declutter: () => void;
}

/** Where the preview is open, and whether the keyboard opened it (then the focus goes into it, and back to the marker after). */
interface Preview {
  cluster: MapCluster;
  marker: L.Marker;
  fromKeyboard: boolean;
}

/** Credits come from the configuration or an archive's metadata: text, never markup, in Leaflet's attribution. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clusterKey(cluster: MapCluster): string {
  return [cluster.latitude, cluster.longitude, cluster.count, cluster.verified, cluster.ref].join('|');
}

function markerSize(count: number): number {
  if (count === 1) return 30;
  if (count < 10) return 36;
  if (count < 100) return 44;
  return 52;
}

function viewOf(map: L.Map): MapView {
  const bounds = map.getBounds();
  const bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((n) => n.toFixed(4)).join(',');
  return { zoom: Math.round(map.getZoom()), bbox };
}

export function MaliMap({
  cercleCounts,
  classes,
  clusters,
  places,
  baseLayer,
  onViewChange,
  renderPreview,
  onOpenGroup,
  label,
  describedBy,
  markerLabel,
  cercleLabel,
  shapes,
  fitShapes = true,
  points,
  onMapClick,
}: MaliMapProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const container = useRef<HTMLElement>(null);
  const layers = useRef<Layers | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  // The popup's content: React renders the preview into it (a portal), Leaflet places it.
  const [previewElement] = useState(() => document.createElement('div'));
  // The latest callbacks, for Leaflet's handlers, which are bound once.
  const handlers = useRef({ onViewChange, onOpenGroup, setPreview, onMapClick });
  useEffect(() => {
    handlers.current = { onViewChange, onOpenGroup, setPreview, onMapClick };
  });

  // The map itself: created once, removed with the component.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { regions, cercles } = maliBoundaries();
    const map = L.map(element, {
      zoomControl: false,
      attributionControl: false,
      zoomSnap: 0.25,
      zoomDelta: 0.5,
      minZoom: 3,
      maxZoom: MAX_ZOOM,
      renderer: L.svg({ padding: 0.5 }),
    });
    const cercleLayer = L.geoJSON(cercles, { style: { className: 'map-cercle' } }).addTo(map);
    const regionLayer = L.geoJSON(regions, { interactive: false, style: { className: 'map-region' } }).addTo(map);
    const bounds = regionLayer.getBounds();
    // Mali fills the box until the user moves or zooms; a box that changes size (a phone turned) is filled again.
    let fitted = true;
    let fitting = false;
    const fitMali = () => {
      // Clear of the attribution, which takes two or three lines on a phone.
      const attribution = element.querySelector<HTMLElement>('.leaflet-control-attribution')?.offsetHeight ?? 0;
      fitting = true;
      map.fitBounds(bounds, { paddingTopLeft: [4, 4], paddingBottomRight: [4, attribution + 4], animate: false });
      fitting = false;
    };
    fitMali();
    // Room for the credits under Mali on a phone, where they take several lines.
    map.setMaxBounds(bounds.pad(0.5));
    map.on('zoomstart dragstart', () => {
      if (!fitting) fitted = false;
    });
    map.on('click', (event: L.LeafletMouseEvent) => handlers.current.onMapClick?.(event.latlng.lat, event.latlng.lng));

    // Region names, under the markers and never in the way of the pointer.
    map.createPane('labels');
    const labels: { name: HTMLElement; size: number }[] = [];
    for (const layer of regionLayer.getLayers() as L.Polygon[]) {
      const feature = layer.feature as Feature<Geometry, { name_fr: string }> | undefined;
      if (!feature) continue;
      const name = document.createElement('span');
      name.className = 'region-label-name';
      name.textContent = feature.properties.name_fr;
      const minor = layer.getBounds().getNorthEast().lng - layer.getBounds().getSouthWest().lng < 1;
      const icon = L.divIcon({ html: name, className: minor ? 'region-label region-label-minor' : 'region-label', iconSize: [0, 0] });
      L.marker(layer.getCenter(), { icon, pane: 'labels', interactive: false, keyboard: false }).addTo(map);
      const box = layer.getBounds();
      labels.push({ name, size: (box.getEast() - box.getWest()) * (box.getNorth() - box.getSouth()) });
    }
    labels.sort((a, b) => b.size - a.size);
    // Towns: a dot and a name, under the region names; the most important first (the server's order).
    map.createPane('towns');
    const towns = L.layerGroup().addTo(map);
    // A name that would cover a more important one is hidden at this zoom: the capitals first, then
    // the regions, larger first, then the other towns (the table below has the regions; zooming in
    // shows the towns).
    const declutter = () => {
      const shown: DOMRect[] = [];
      // Towns' names avoid incidents' markers where they can (region names stay under the markers).
      const markers = [...element.querySelectorAll('.incident-cluster')].map((marker) => marker.getBoundingClientRect());
      const overlaps = (box: DOMRect, others: DOMRect[]) =>
        others.some((o) => box.left < o.right && o.left < box.right && box.top < o.bottom && o.top < box.bottom);
      // A town's name goes right of its dot, else left, above or below, whichever is free.
      const placeTown = (name: HTMLElement, avoidMarkers: boolean): DOMRect | null => {
        const mark = name.parentElement;
        for (const side of TOWN_SIDES) {
          mark?.classList.remove(...TOWN_SIDES);
          mark?.classList.add(side);
          const box = name.getBoundingClientRect();
          if (!overlaps(box, shown) && !(avoidMarkers && overlaps(box, markers))) return box;
        }
        return null;
      };
      const show = (name: HTMLElement, box: DOMRect | null) => {
        if (box) shown.push(box);
        else name.classList.add('map-label-covered');
      };
      const visible = (name: HTMLElement) => {
        name.classList.remove('map-label-covered');
        return name.getBoundingClientRect().width > 0;
      };
      // The capitals are always named, beside a marker if they must.
      for (const name of element.querySelectorAll<HTMLElement>('.town-rank-1 .town-name, .town-rank-2 .town-name')) {
        if (visible(name)) show(name, placeTown(name, true) ?? placeTown(name, false));
      }
      for (const { name } of labels) {
        if (!visible(name)) continue;
        const box = name.getBoundingClientRect();
        show(name, overlaps(box, shown) ? null : box);
      }
      for (const name of element.querySelectorAll<HTMLElement>('.town-rank-3 .town-name, .town-rank-4 .town-name')) {
        if (visible(name)) show(name, placeTown(name, true));
      }
    };

    const markers = L.layerGroup().addTo(map);
    const popup = L.popup({
      closeButton: false,
      autoPanPadding: [12, 12],
      minWidth: 200,
      maxWidth: 280,
      className: 'incident-preview-popup',
    }).setContent(previewElement);
    // Leaflet closes a popup on Escape only while the map itself has the focus; in the preview too.
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      map.closePopup();
    };
    previewElement.addEventListener('keydown', closeOnEscape);
    map.on('popupclose', () => {
      if (layers.current) layers.current.previewOf = null;
      handlers.current.setPreview((open) => {
        // Back to the marker the keyboard came from, if it is still on the map.
        if (open?.fromKeyboard) open.marker.getElement()?.focus();
        return null;
      });
    });
    layers.current = {
      map,
      cercles: cercleLayer,
      markers,
      byKey: new Map(),
      controls: [],
      towns,
      base: null,
      popup,
      previewOf: null,
      refit: () => {
        if (fitted) fitMali();
      },
      declutter,
    };

    const showDetail = () => {
      const zoom = map.getZoom();
      element.classList.toggle('map-zoomed-out', zoom < DETAIL_ZOOM);
      element.classList.toggle('map-zoomed-far', zoom < FAR_ZOOM);
      element.classList.toggle('map-towns-seats', zoom >= CERCLE_SEATS_ZOOM);
      element.classList.toggle('map-towns-all', zoom >= ALL_TOWNS_ZOOM);
      declutter();
    };
    showDetail();
    let timer: ReturnType<typeof setTimeout> | undefined;
    map.on('zoomend', showDetail);
    map.on('moveend', () => {
      clearTimeout(timer);
      timer = setTimeout(() => handlers.current.onViewChange(viewOf(map)), VIEW_DEBOUNCE_MS);
    });
    handlers.current.onViewChange(viewOf(map));

    // The box changes size with the window (or a phone turned sideways): Leaflet must measure again.
    const resize = new ResizeObserver(() => {
      map.invalidateSize();
      if (fitted) fitMali();
      showDetail();
    });
    resize.observe(element);
    return () => {
      clearTimeout(timer);
      resize.disconnect();
      previewElement.removeEventListener('keydown', closeOnEscape);
      map.remove();
      layers.current = null;
    };
  }, [previewElement]);

  // Routes and areas: drawn above the boundaries, the view fitted to them; a shape that changes is drawn again.
  const shapesKey = JSON.stringify(shapes ?? []);
  useEffect(() => {
    const current = layers.current;
    const drawn: Geometry[] = JSON.parse(shapesKey);
    if (!current || drawn.length === 0) return;
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: drawn.map((geometry) => ({ type: 'Feature', geometry, properties: {} })),
    };
    const layer = L.geoJSON(collection, {
      interactive: false,
      style: (feature) => ({ className: feature?.geometry.type === 'Polygon' ? 'map-area' : 'map-route' }),
    }).addTo(current.map);
    if (fitShapes) current.map.fitBounds(layer.getBounds(), { padding: [32, 32], maxZoom: 9, animate: false });
    return () => {
      layer.remove();
    };
  }, [shapesKey, fitShapes]);

  // Points: small dots named in a tooltip, above the shapes.
  const pointsKey = JSON.stringify(points ?? []);
  useEffect(() => {
    const current = layers.current;
    const drawn: MapPoint[] = JSON.parse(pointsKey);
    if (!current || drawn.length === 0) return;
    const group = L.layerGroup(
      drawn.map((p) =>
        L.circleMarker([p.latitude, p.longitude], { radius: 6, className: `map-point map-point-${p.kind}` }).bindTooltip(p.label),
      ),
    ).addTo(current.map);
    return () => {
      group.remove();
    };
  }, [pointsKey]);

  // The base layer: under everything else, its tiles scaled beyond the zoom levels it has.
  useEffect(() => {
    const current = layers.current;
    const element = container.current;
    if (!current || !element) return;
    current.base?.remove();
    current.base = null;
    element.classList.toggle('map-with-base', baseLayer !== null);
    if (!baseLayer) return;
    current.base = L.tileLayer(baseLayer.url, {
      minNativeZoom: baseLayer.minZoom,
      maxNativeZoom: baseLayer.maxZoom,
      maxZoom: MAX_ZOOM,
      className: 'map-base-tile',
    }).addTo(current.map);
  }, [baseLayer]);

  // Controls in the interface language: zoom buttons, the boundaries' attribution (CC BY 4.0) and the base layer's.
  useEffect(() => {
    const current = layers.current;
    if (!current) return;
    for (const control of current.controls) control.remove();
    const zoom = L.control.zoom({ zoomInTitle: t('incidentMap.zoomIn'), zoomOutTitle: t('incidentMap.zoomOut') });
    const attribution = L.control.attribution({ prefix: '<a href="https://leafletjs.com" hreflang="en">Leaflet</a>' });
    attribution.addAttribution(t('incidentMap.attribution'));
    attribution.addAttribution(escapeHtml(t('incidentMap.townsAttribution')));
    if (baseLayer) {
      const credit =
        baseLayer.attribution || t(baseLayer.source === 'tileServer' ? 'incidentMap.baseTileServer' : 'incidentMap.baseArchive');
      attribution.addAttribution(escapeHtml(t('incidentMap.baseAttribution', { credit })));
    }
    current.controls = [zoom.addTo(current.map), attribution.addTo(current.map)];
    current.refit();
  }, [t, baseLayer]);

  // The towns: a dot each, and a name as the zoom allows (regional capitals always).
  useEffect(() => {
    const current = layers.current;
    if (!current) return;
    current.towns.clearLayers();
    for (const place of places) {
      const town = document.createElement('span');
      town.className = 'town-mark';
      const dot = document.createElement('span');
      dot.className = 'town-dot';
      const name = document.createElement('span');
      name.className = 'town-name';
      name.textContent = place.name;
      town.append(dot, name);
      const icon = L.divIcon({ html: town, className: `town town-rank-${place.rank}`, iconSize: [0, 0] });
      L.marker([place.latitude, place.longitude], { icon, pane: 'towns', interactive: false, keyboard: false }).addTo(current.towns);
    }
    current.declutter();
  }, [places]);

  // The preview, once React has drawn it into the popup: placed again for its size, and given the focus when the keyboard opened it.
  useEffect(() => {
    const current = layers.current;
    if (!current || !preview) return;
    current.popup.update();
    if (preview.fromKeyboard) previewElement.querySelector<HTMLElement>('a[href]')?.focus();
  }, [preview, previewElement]);

  // The choropleth: one class per cercle, and its name and count on hover.
  useEffect(() => {
    const current = layers.current;
    if (!current) return;
    for (const layer of current.cercles.getLayers() as L.Path[]) {
      const properties = (layer as L.Polygon).feature?.properties as CercleProperties | undefined;
      const path = layer.getElement();
      if (!properties || !path) continue;
      const count = cercleCounts.get(properties.adm2_id) ?? 0;
      for (let tone = 0; tone <= TONES; tone += 1) path.classList.remove(`choropleth-${tone}`);
      path.classList.add(`choropleth-${toneOf(count, classes)}`);
      path.setAttribute('data-cercle', properties.adm2_id);
      path.setAttribute('data-count', String(count));
      const text = cercleLabel
        ? cercleLabel(properties.adm2_name_fr, count)
        : t('incidentMap.cercleTooltip', { name: properties.adm2_name_fr, count, formatted: formatCount(count, locale) });
      if (layer.getTooltip()) layer.setTooltipContent(text);
      else layer.bindTooltip(text, { sticky: true, className: 'map-tooltip' });
    }
  }, [cercleCounts, classes, t, locale, cercleLabel]);

  // The clusters: a ring of two tones (verified, candidates) around the count.
  useEffect(() => {
    const current = layers.current;
    if (!current) return;
    const { map, markers, byKey } = current;
    const wanted = new Map(clusters.map((cluster) => [clusterKey(cluster), cluster]));
    for (const [key, marker] of byKey) {
      if (!wanted.has(key)) {
        if (current.popup.isOpen() && current.previewOf === marker) map.closePopup();
        markers.removeLayer(marker);
        byKey.delete(key);
      }
    }
    for (const [key, cluster] of wanted) {
      const label = markerLabel
        ? markerLabel(cluster)
        : cluster.ref === null
          ? t('incidentMap.groupLabel', {
              count: cluster.count,
              verified: formatCount(cluster.verified, locale),
              candidates: formatCount(cluster.count - cluster.verified, locale),
            })
          : t(cluster.verified > 0 ? 'incidentMap.verifiedLabel' : 'incidentMap.candidateLabel', { ref: cluster.ref });
      const existing = byKey.get(key);
      if (existing) {
        existing.getElement()?.setAttribute('aria-label', label);
        continue;
      }
      const count = document.createElement('span');
      count.className = 'incident-cluster-count';
      count.textContent = formatCount(cluster.count, locale);
      const size = markerSize(cluster.count);
      const kind = cluster.ref === null ? 'incident-group' : cluster.verified > 0 ? 'incident-single incident-verified' : 'incident-single';
      const icon = L.divIcon({ html: count, className: `incident-cluster ${kind}`, iconSize: [size, size] });
      const marker = L.marker([cluster.latitude, cluster.longitude], { icon, keyboard: true, riseOnHover: true });
      const activate = (fromKeyboard: boolean) => {
        if (cluster.ref !== null) {
          // Above the ring of the marker.
          current.popup.options.offset = [0, -size / 2 + 4];
          current.popup.setLatLng(marker.getLatLng()).openOn(map);
          current.previewOf = marker;
          handlers.current.setPreview({ cluster, marker, fromKeyboard });
          return;
        }
        if (map.getZoom() >= MAX_ZOOM) return handlers.current.onOpenGroup(cercleAt(cluster.longitude, cluster.latitude)?.adm2_id ?? null);
        map.setView([cluster.latitude, cluster.longitude], Math.min(MAX_ZOOM, Math.floor(map.getZoom()) + 2));
        // The marker goes away with the new clusters: the keyboard stays on the map.
        if (fromKeyboard) map.getContainer().focus();
      };
      marker.on('click', () => activate(false));
      marker.on('keypress', (event) => {
        const key = (event as L.LeafletKeyboardEvent).originalEvent;
        if (key.key !== 'Enter' && key.key !== ' ') return;
        key.preventDefault();
        activate(true);
      });
      marker.addTo(markers);
      byKey.set(key, marker);
      const element = marker.getElement();
      if (element) {
        element.setAttribute('aria-label', label);
        element.title = label;
        // The verified share of the ring, as a CSS variable (set through the CSSOM, which the CSP allows).
        element.style.setProperty('--verified-share', `${Math.round((cluster.verified / cluster.count) * 100)}%`);
      }
    }
    current.declutter();
  }, [clusters, t, locale, markerLabel]);

  const close = () => layers.current?.map.closePopup();
  return (
    <>
      <section ref={container} className="mali-map" aria-label={label} aria-describedby={describedBy} />
      {preview && createPortal(renderPreview(preview.cluster, close), previewElement)}
    </>
  );
}

/** The choropleth's key: one swatch per class, the neutral colour for none; and what the markers show. */
export function MapLegend({ classes }: { classes: readonly ChoroplethClass[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="map-legend">
      <p className="map-legend-title">{t('incidentMap.legendTitle')}</p>
      <ul className="map-legend-scale">
        <li className="map-legend-item">
          <span className="legend-swatch choropleth-0" aria-hidden="true" />
          {t('incidentMap.legendNone')}
        </li>
        {classes.map((c) => (
          <li key={c.tone} className="map-legend-item">
            <span className={`legend-swatch choropleth-${c.tone}`} aria-hidden="true" />
            {c.from === c.to
              ? formatCount(c.from, locale)
              : t('incidentMap.legendRange', { from: formatCount(c.from, locale), to: formatCount(c.to, locale) })}
          </li>
        ))}
      </ul>
      <ul className="map-legend-markers">
        <li className="map-legend-item">
          <span className="legend-marker legend-marker-verified" aria-hidden="true" />
          {t('incidentMap.legendVerified')}
        </li>
        <li className="map-legend-item">
          <span className="legend-marker legend-marker-candidate" aria-hidden="true" />
          {t('incidentMap.legendCandidate')}
        </li>
      </ul>
      <p className="hint">{t('incidentMap.legendMarkers')}</p>
    </div>
  );
}
