//! One GeoJSON feature per domain value, in the property format the importer reads back.

use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, JsonValue};

use crate::domain::{FiberRoute, Household, Sector, Site, Thon};

use super::geometry::{lineal, point, polygonal};

/// All thôn as one FeatureCollection of Polygons/MultiPolygons.
pub fn thon_collection(thon: &[Thon]) -> FeatureCollection {
    FeatureCollection::new(thon.iter().map(thon_feature))
}

/// All sites as one FeatureCollection of Points.
pub fn sites_collection(sites: &[Site]) -> FeatureCollection {
    FeatureCollection::new(sites.iter().map(site_feature))
}

/// All fiber routes as one FeatureCollection of LineStrings/MultiLineStrings.
pub fn fiber_collection(fiber: &[FiberRoute]) -> FeatureCollection {
    FeatureCollection::new(fiber.iter().map(fiber_feature))
}

/// All households as one FeatureCollection of Points.
pub fn households_collection(households: &[Household]) -> FeatureCollection {
    FeatureCollection::new(households.iter().map(household_feature))
}

/// A thôn: `id`, `name`, `commune`, `population`, `households`, `clutter`.
pub fn thon_feature(t: &Thon) -> Feature {
    let mut props = JsonObject::new();
    props.insert("id".into(), t.id.clone().into());
    props.insert("name".into(), t.name.clone().into());
    props.insert("commune".into(), t.commune.clone().into());
    props.insert("population".into(), t.population.into());
    props.insert("households".into(), t.households.into());
    props.insert("clutter".into(), t.clutter.as_str().into());
    feature(polygonal(&t.geometry), props)
}

/// A site: `id`, `operator`, `tech`, the optional radio figures, and `sectors` unless omni.
pub fn site_feature(s: &Site) -> Feature {
    let mut props = JsonObject::new();
    props.insert("id".into(), s.id.clone().into());
    props.insert("operator".into(), s.operator.clone().into());
    let tech: Vec<JsonValue> = s.tech.iter().map(|t| t.as_str().into()).collect();
    props.insert("tech".into(), tech.into());
    insert_some(&mut props, "height_m", s.height_m);
    insert_some(&mut props, "radius_m", s.radius_m);
    insert_some(&mut props, "frequency_mhz", s.frequency_mhz);
    insert_some(&mut props, "eirp_dbm", s.eirp_dbm);
    // An empty list would read as "no sectors at all"; omitting it says omnidirectional.
    if !s.sectors.is_empty() {
        let sectors: Vec<JsonValue> = s.sectors.iter().map(sector_json).collect();
        props.insert("sectors".into(), sectors.into());
    }
    feature(point(&s.location), props)
}

/// A fiber route: `id`, `operator`, `max_speed_mbps`, `max_drop_m`.
pub fn fiber_feature(f: &FiberRoute) -> Feature {
    let mut props = JsonObject::new();
    props.insert("id".into(), f.id.clone().into());
    props.insert("operator".into(), f.operator.clone().into());
    props.insert("max_speed_mbps".into(), f.max_speed_mbps.into());
    props.insert("max_drop_m".into(), f.max_drop_m.into());
    feature(lineal(&f.geometry), props)
}

/// A household: `id` and `people` only when known.
pub fn household_feature(h: &Household) -> Feature {
    let mut props = JsonObject::new();
    if let Some(id) = &h.id {
        props.insert("id".into(), id.clone().into());
    }
    insert_some(&mut props, "people", h.people);
    feature(point(&h.location), props)
}

/// A sector object: `azimuth_deg`, `beamwidth_deg`, and `tilt_deg` when set.
fn sector_json(s: &Sector) -> JsonValue {
    let mut obj = JsonObject::new();
    obj.insert("azimuth_deg".into(), s.azimuth_deg.into());
    obj.insert("beamwidth_deg".into(), s.beamwidth_deg.into());
    insert_some(&mut obj, "tilt_deg", s.tilt_deg);
    JsonValue::Object(obj)
}

/// Inserts a number only when present, so absent values are absent keys rather than nulls.
fn insert_some(props: &mut JsonObject, key: &str, value: Option<f64>) {
    if let Some(v) = value {
        props.insert(key.into(), v.into());
    }
}

/// A feature with the properties in `properties` (never a top-level `id`: the importer reads
/// the id from the properties).
fn feature(value: GeometryValue, properties: JsonObject) -> Feature {
    Feature {
        geometry: Some(Geometry::new(value)),
        properties: Some(properties),
        ..Feature::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Clutter, Tech};
    use geo::{MultiLineString, MultiPolygon, Point, line_string, polygon};
    use serde_json::json;

    fn site(sectors: Vec<Sector>) -> Site {
        Site {
            id: "VTL-001".into(),
            operator: "Viettel".into(),
            tech: vec![Tech::G4, Tech::G5],
            height_m: Some(40.0),
            radius_m: None,
            sectors,
            frequency_mhz: None,
            eirp_dbm: Some(60.0),
            location: Point::new(108.78, 15.17),
        }
    }

    #[test]
    fn thon_properties_match_the_import_format() {
        let t = Thon {
            id: "TT01".into(),
            name: "Thôn Đông Hòa".into(),
            commune: "Tịnh Thiện".into(),
            population: 812,
            households: 210,
            clutter: Clutter::Suburban,
            geometry: MultiPolygon(vec![
                polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0)],
            ]),
        };
        let props = thon_feature(&t)
            .properties
            .expect("thôn features carry properties");
        assert_eq!(
            JsonValue::Object(props),
            json!({"id": "TT01", "name": "Thôn Đông Hòa", "commune": "Tịnh Thiện",
                   "population": 812, "households": 210, "clutter": "suburban"})
        );
    }

    #[test]
    fn omni_site_has_no_sectors_key_and_no_absent_numbers() {
        let props = site_feature(&site(vec![]))
            .properties
            .expect("site properties");
        assert!(!props.contains_key("sectors"));
        assert!(!props.contains_key("radius_m"));
        assert!(!props.contains_key("frequency_mhz"));
        assert_eq!(props["tech"], json!(["4G", "5G"]));
        assert_eq!(props["height_m"], json!(40.0));
    }

    #[test]
    fn sector_omits_unset_tilt() {
        let sectors = vec![
            Sector {
                azimuth_deg: 0.0,
                beamwidth_deg: 65.0,
                tilt_deg: Some(4.0),
            },
            Sector {
                azimuth_deg: 120.0,
                beamwidth_deg: 65.0,
                tilt_deg: None,
            },
        ];
        let props = site_feature(&site(sectors))
            .properties
            .expect("site properties");
        assert_eq!(
            props["sectors"],
            json!([{"azimuth_deg": 0.0, "beamwidth_deg": 65.0, "tilt_deg": 4.0},
                   {"azimuth_deg": 120.0, "beamwidth_deg": 65.0}])
        );
    }

    #[test]
    fn fiber_route_properties_and_linestring() {
        let f = FiberRoute {
            id: "VNPT-01".into(),
            operator: "VNPT".into(),
            max_speed_mbps: 100.0,
            max_drop_m: 300.0,
            geometry: MultiLineString(vec![line_string![(x: 108.7, y: 15.1), (x: 108.8, y: 15.2)]]),
        };
        let feat = fiber_feature(&f);
        let props = feat.properties.expect("fiber properties");
        assert_eq!(props["max_speed_mbps"], json!(100.0));
        assert_eq!(props["max_drop_m"], json!(300.0));
        let geom = feat.geometry.expect("fiber geometry");
        assert_eq!(geom.value.type_name(), "LineString");
    }

    #[test]
    fn bare_household_has_empty_properties() {
        let h = Household {
            id: None,
            people: None,
            location: Point::new(108.781_234_56, 15.17),
        };
        let feat = household_feature(&h);
        assert_eq!(feat.properties.as_ref().map(|p| p.len()), Some(0));
        let text = serde_json::to_string(&feat).expect("features serialise");
        assert!(text.contains("[108.7812346,15.17]"), "{text}");
    }

    #[test]
    fn household_with_id_and_people() {
        let h = Household {
            id: Some("H1".into()),
            people: Some(4.0),
            location: Point::new(1.0, 2.0),
        };
        let props = household_feature(&h)
            .properties
            .expect("household properties");
        assert_eq!(JsonValue::Object(props), json!({"id": "H1", "people": 4.0}));
    }
}
