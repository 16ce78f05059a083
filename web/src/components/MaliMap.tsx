import 'leaflet/dist/leaflet.css';
import type { Feature, Geometry } from 'geojson';
import * as L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCluster } from '../api/incidents.js';
import { type ChoroplethClass, TONES, toneOf } from '../choropleth.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';
import { type CercleProperties, cercleAt, maliBoundaries } from '../maliBoundaries.js';

/**
 * Mali on a Leaflet map drawn from the shipped boundaries only (no tiles: it works offline):
 * regions and cercles, cercles coloured by their number of incidents, and the server's clusters
 * of incidents as round markers. Leaflet owns the DOM inside the container; React only feeds it
 * data. Colours live in styles.css (classes on the SVG paths and markers), not in this code.
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
  /** Once the map shows Mali, then after each move or zoom (debounced). */
  onViewChange: (view: MapView) => void;
  /** A marker of one incident was chosen. */
  onOpenIncident: (ref: string) => void;
  /** A group of incidents at one place, which zooming cannot split, was chosen; with the cercle it lies in. */
  onOpenGroup: (cercle: string | null) => void;
  /** The map's name, for assistive technologies. */
  label: string;
  /** The id of the keyboard instructions. */
  describedBy: string;
}

const MAX_ZOOM = 11;
/** Below this zoom, the names of small regions (the District of Bamako) would cover their neighbours'. */
const DETAIL_ZOOM = 7;
/** Below this zoom (Mali on a phone), region names are set smaller. */
const FAR_ZOOM = 5;
const VIEW_DEBOUNCE_MS = 300;

interface Layers {
  map: L.Map;
  cercles: L.GeoJSON<CercleProperties>;
  markers: L.LayerGroup;
  /** Markers on the map, by what they show: kept when a new answer has the same cluster (and its keyboard focus). */
  byKey: Map<string, L.Marker>;
  controls: L.Control[];
  /** Fits Mali in the box again, unless the user has moved the map. */
  refit: () => void;
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

export function MaliMap({ cercleCounts, classes, clusters, onViewChange, onOpenIncident, onOpenGroup, label, describedBy }: MaliMapProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const container = useRef<HTMLElement>(null);
  const layers = useRef<Layers | null>(null);
  // The latest callbacks, for Leaflet's handlers, which are bound once.
  const handlers = useRef({ onViewChange, onOpenIncident, onOpenGroup });
  useEffect(() => {
    handlers.current = { onViewChange, onOpenIncident, onOpenGroup };
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
    map.setMaxBounds(bounds.pad(0.25));
    map.on('zoomstart dragstart', () => {
      if (!fitting) fitted = false;
    });

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
    // A name that would cover a larger region's name is hidden at this zoom (the table below has them all).
    const declutter = () => {
      const shown: DOMRect[] = [];
      for (const { name } of labels) {
        name.classList.remove('region-label-covered');
        const box = name.getBoundingClientRect();
        if (box.width === 0) continue;
        const covers = shown.some((o) => box.left < o.right && o.left < box.right && box.top < o.bottom && o.top < box.bottom);
        if (covers) name.classList.add('region-label-covered');
        else shown.push(box);
      }
    };

    const markers = L.layerGroup().addTo(map);
    layers.current = {
      map,
      cercles: cercleLayer,
      markers,
      byKey: new Map(),
      controls: [],
      refit: () => {
        if (fitted) fitMali();
      },
    };

    const showDetail = () => {
      element.classList.toggle('map-zoomed-out', map.getZoom() < DETAIL_ZOOM);
      element.classList.toggle('map-zoomed-far', map.getZoom() < FAR_ZOOM);
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
      map.remove();
      layers.current = null;
    };
  }, []);

  // Controls in the interface language: zoom buttons, and the boundaries' attribution (CC BY 4.0).
  useEffect(() => {
    const current = layers.current;
    if (!current) return;
    for (const control of current.controls) control.remove();
    const zoom = L.control.zoom({ zoomInTitle: t('incidentMap.zoomIn'), zoomOutTitle: t('incidentMap.zoomOut') });
    const attribution = L.control.attribution({ prefix: '<a href="https://leafletjs.com" hreflang="en">Leaflet</a>' });
    attribution.addAttribution(t('incidentMap.attribution'));
    current.controls = [zoom.addTo(current.map), attribution.addTo(current.map)];
    current.refit();
  }, [t]);

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
      const text = t('incidentMap.cercleTooltip', { name: properties.adm2_name_fr, count, formatted: formatCount(count, locale) });
      if (layer.getTooltip()) layer.setTooltipContent(text);
      else layer.bindTooltip(text, { sticky: true, className: 'map-tooltip' });
    }
  }, [cercleCounts, classes, t, locale]);

  // The clusters: a ring of two tones (verified, candidates) around the count.
  useEffect(() => {
    const current = layers.current;
    if (!current) return;
    const { map, markers, byKey } = current;
    const wanted = new Map(clusters.map((cluster) => [clusterKey(cluster), cluster]));
    for (const [key, marker] of byKey) {
      if (!wanted.has(key)) {
        markers.removeLayer(marker);
        byKey.delete(key);
      }
    }
    for (const [key, cluster] of wanted) {
      const label =
        cluster.ref === null
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
        if (cluster.ref !== null) return handlers.current.onOpenIncident(cluster.ref);
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
  }, [clusters, t, locale]);

  return <section ref={container} className="mali-map" aria-label={label} aria-describedby={describedBy} />;
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
