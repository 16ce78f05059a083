/** Cantonment sites of the DDR registry, weapons and ammunition handed in, and their chain of custody. */

export interface DdrSiteTable {
  id: string;
  /** The unit that keeps the sites (SSR-DDR). */
  unit_code: string;
  name: string;
  /** Region (ISO 3166-2) the site lies in, from the boundaries. */
  region: string;
  /** Gazetteer name, when the site was placed by it. */
  place: string | null;
  latitude: number;
  longitude: number;
  capacity: number;
  /** JSON list of service codes. */
  services: string;
  /** planned, open or closed. */
  status: string;
  /** internal or public. */
  classification: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DdrWeaponTable {
  id: string;
  /** `ARM-7K3Q9`. */
  code: string;
  /** The person who handed it in (confidential like the person). */
  person_id: string;
  site_id: string;
  kind: string;
  calibre: string;
  serial: string;
  /** The serial number normalised for comparison (upper case, letters and digits only); '' when none. */
  serial_key: string;
  markings: string;
  condition: string;
  quantity: number;
  handed_in_on: string;
  /** in_custody or destroyed (final). */
  status: string;
  /** Who holds it and where, as the last hand-over of the chain names them. */
  custodian: string;
  location: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One hand-over of a weapon: a linear chain, one entry per position (`seq`). */
export interface DdrCustodyTable {
  id: string;
  weapon_id: string;
  seq: number;
  /** hand_in, store, transfer or destroy. */
  move: string;
  on_date: string;
  from_custodian: string;
  from_location: string;
  to_custodian: string;
  to_location: string;
  note: string;
  actor_id: string;
  actor_label: string;
  at: string;
}
