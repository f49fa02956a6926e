// Words and numbers in Vietnamese (the default) or English. Vietnamese text is NFC.

const VI = {
  title: 'Bản đồ vùng phủ sóng',
  title_place: 'Bản đồ vùng phủ sóng — xã {commune}',
  lang_switch: 'English',
  lang_switch_aria: 'Switch to English',
  map_aria: 'Bản đồ vùng phủ sóng. Chọn một thôn để xem số liệu, hoặc một điểm để xem nơi đó có sóng gì.',
  loading: 'Đang tải dữ liệu…',
  load_failed: 'Không tải được dữ liệu: {detail}',
  retry: 'Thử lại',
  offline_basemap: 'Không tải được bản đồ nền (ngoại tuyến?). Các lớp dữ liệu vẫn hiển thị.',
  // layers
  layers: 'Lớp bản đồ',
  measure: 'Chỉ tiêu',
  basis: 'Tô màu theo',
  basis_population: 'theo dân số',
  basis_households: 'theo số hộ',
  basis_area: 'theo diện tích',
  layer_thon: 'Tỷ lệ phủ sóng theo thôn',
  layer_gaps: 'Vùng lõm sóng',
  layer_sites: 'Trạm BTS',
  layer_sectors: 'Hướng phát sóng (sector)',
  layer_fiber: 'Tuyến cáp quang',
  layer_households: 'Hộ gia đình',
  layer_households_hint: '(phóng to để xem)',
  layer_basemap: 'Bản đồ nền OpenStreetMap',
  operators: 'Nhà mạng',
  m_4G: '4G',
  m_5G: '5G',
  m_mobile: 'Di động (4G hoặc 5G)',
  m_fiber: 'Cáp quang',
  m_fiber_1g: 'Cáp quang ≥ 1 Gb/s',
  // legend
  legend: 'Chú giải',
  legend_choropleth: 'Tỷ lệ phủ sóng {measure} ({basis})',
  no_data: 'Không có dữ liệu',
  legend_gap: 'Vùng lõm sóng {measure}',
  legend_site_5g: 'Viền đen: trạm có 5G',
  legend_sector: 'Hướng phát sóng',
  legend_fiber_1g: 'Cáp quang ≥ 1 Gb/s',
  legend_fiber_slow: 'Cáp quang < 1 Gb/s',
  legend_hh_covered: 'Hộ đã phủ sóng {measure}',
  legend_hh_uncovered: 'Hộ chưa phủ sóng {measure}',
  // summary
  summary: 'Tiến độ so với mục tiêu',
  updated: 'Cập nhật lần cuối: {when}',
  model: 'Mô hình: {model}',
  total_households: 'Số hộ',
  total_population: 'Dân số',
  total_area: 'Diện tích',
  targets_2025: 'Mục tiêu năm 2025',
  targets_2030: 'Mục tiêu đến năm 2030',
  met: 'Đạt',
  not_met: 'Chưa đạt',
  actual_of_target: '{actual} / mục tiêu {target}',
  basis_of_target_households: 'tính theo hộ',
  basis_of_target_population: 'tính theo dân số',
  basis_of_target_thon: 'tính theo thôn',
  thon_status: 'Tình trạng từng thôn',
  thon_status_hint: 'Theo tỷ lệ phủ di động và cáp quang. Chọn thôn để xem trên bản đồ.',
  status_green: 'Xanh',
  status_amber: 'Vàng',
  status_red: 'Đỏ',
  status_green_long: 'Xanh — đạt',
  status_amber_long: 'Vàng — gần đạt',
  status_red_long: 'Đỏ — còn thiếu nhiều',
  // thôn panel
  close: 'Đóng',
  thon_code: 'Mã thôn {id}',
  commune_of: 'xã {commune}',
  households: 'Số hộ',
  households_declared: 'khai báo {n}',
  population: 'Dân số',
  area: 'Diện tích',
  coverage_rate: 'Tỷ lệ phủ sóng',
  col_measure: 'Chỉ tiêu',
  col_pop: '% dân số',
  col_hh: '% hộ',
  col_area: '% diện tích',
  col_hh_left: 'Hộ chưa phủ',
  col_gap_area: 'Vùng lõm (km²)',
  chart_title: 'Tỷ lệ phủ sóng {basis}',
  chart_aria: 'Biểu đồ tỷ lệ phủ sóng của {name} {basis}: {values}',
  by_operator: 'Theo nhà mạng ({basis})',
  // point
  point_title: 'Tại điểm đã chọn',
  point_coords: 'Vĩ độ {lat}, Kinh độ {lon}',
  point_outside: 'Ngoài ranh giới các thôn',
  point_loading: 'Đang hỏi máy chủ…',
  point_failed: 'Không lấy được thông tin điểm: {detail}',
  covered_by: 'Có sóng',
  not_covered: 'Không có sóng',
  fiber_not_reached: 'Chưa có cáp quang',
  best_signal: 'Tín hiệu tốt nhất của từng nhà mạng',
  col_operator: 'Nhà mạng',
  col_tech: 'Công nghệ',
  col_site: 'Trạm',
  col_distance: 'Khoảng cách',
  col_rsrp: 'RSRP (dBm)',
  col_tier: 'Mức sóng',
  tier_good: 'Tốt',
  tier_moderate: 'Khá',
  tier_usable: 'Sử dụng được',
  tier_none: 'Không có sóng',
  tier_disc_covered: 'Có sóng (trong bán kính phủ)',
  tier_disc_none: 'Không có sóng (ngoài bán kính)',
  fiber_nearest: 'Tuyến cáp quang gần nhất: {route} ({operator}), cách {distance}, tốc độ tối đa {speed}.',
  fiber_within: 'Trong phạm vi kéo cáp ({drop}): có thể lắp cáp quang.',
  fiber_beyond: 'Ngoài phạm vi kéo cáp ({drop}).',
  fiber_none: 'Không có tuyến cáp quang nào gần.',
  // sites
  site_popup_tech: 'Công nghệ',
  site_popup_height: 'Độ cao ăng-ten',
  site_popup_radius: 'Bán kính phủ khai báo',
  site_popup_freq: 'Tần số',
  site_popup_eirp: 'EIRP',
  site_popup_sectors: 'Sector (phương vị)',
  // upload
  upload: 'Tải lên dữ liệu',
  upload_hint: 'Tệp GeoJSON (WGS 84) gồm các điểm trạm BTS, mỗi điểm có id, operator và tech (ví dụ ["4G","5G"]).',
  upload_drop: 'Kéo thả tệp vào đây, hoặc chọn tệp:',
  upload_choose: 'Chọn tệp GeoJSON…',
  fit_all: 'Xem toàn xã',
  upload_token: 'Mã truy cập (token) của nhà mạng',
  upload_submit: 'Tải lên',
  upload_sending: 'Đang tải lên và tính lại vùng phủ…',
  upload_no_file: 'Hãy chọn một tệp.',
  upload_no_token: 'Hãy nhập mã truy cập.',
  upload_bad_json: 'Lỗi: tệp không hợp lệ — không đọc được JSON ({detail}).',
  upload_invalid: 'Lỗi: tệp không hợp lệ — {n} vấn đề. Không có gì được thay đổi.',
  upload_denied: 'Không được phép: {detail}',
  upload_failed: 'Tải lên thất bại ({status}): {detail}',
  upload_network: 'Không kết nối được máy chủ: {detail}',
  upload_ok: 'Đã tải lên (lần #{id}): thêm {inserted} trạm, cập nhật {updated} trạm.',
  upload_no_change: 'Không thôn nào thay đổi tỷ lệ phủ sóng.',
  upload_affected: 'Thôn thay đổi (trước → sau)',
  col_file: 'Tệp',
  col_feature: 'Đối tượng số',
  col_id: 'Mã',
  col_reason: 'Lý do',
  col_thon: 'Thôn',
  col_before: 'Trước',
  col_after: 'Sau',
  // export
  export: 'Xuất dữ liệu',
  export_gaps: 'Vùng lõm sóng {measure}:',
  export_thon: 'Số liệu từng thôn:',
  export_geojson: 'GeoJSON',
  export_csv: 'CSV',
  export_note: 'Tệp tải xuống lấy trực tiếp từ máy chủ, số liệu mới nhất.',
  footer: 'Dữ liệu: phusong. Số liệu là ước tính theo mô hình vùng phủ, không phải đo kiểm.',
};

const EN = {
  title: 'Coverage map',
  title_place: 'Coverage map — {commune} commune',
  lang_switch: 'Tiếng Việt',
  lang_switch_aria: 'Chuyển sang tiếng Việt',
  map_aria: 'Coverage map. Choose a thôn (village) for its figures, or a place to see what covers it.',
  loading: 'Loading data…',
  load_failed: 'Could not load the data: {detail}',
  retry: 'Retry',
  offline_basemap: 'The basemap could not be loaded (offline?). Our layers still show.',
  layers: 'Map layers',
  measure: 'Measure',
  basis: 'Colour by',
  basis_population: 'by population',
  basis_households: 'by households',
  basis_area: 'by area',
  layer_thon: 'Coverage rate per thôn',
  layer_gaps: 'Coverage gaps',
  layer_sites: 'Sites (BTS)',
  layer_sectors: 'Antenna sectors',
  layer_fiber: 'Fiber routes',
  layer_households: 'Households',
  layer_households_hint: '(zoom in to see)',
  layer_basemap: 'OpenStreetMap basemap',
  operators: 'Operators',
  m_4G: '4G',
  m_5G: '5G',
  m_mobile: 'Mobile (4G or 5G)',
  m_fiber: 'Fiber',
  m_fiber_1g: 'Fiber ≥ 1 Gb/s',
  legend: 'Legend',
  legend_choropleth: '{measure} coverage rate ({basis})',
  no_data: 'No data',
  legend_gap: '{measure} coverage gap',
  legend_site_5g: 'Black ring: site with 5G',
  legend_sector: 'Antenna direction',
  legend_fiber_1g: 'Fiber ≥ 1 Gb/s',
  legend_fiber_slow: 'Fiber < 1 Gb/s',
  legend_hh_covered: 'Household with {measure}',
  legend_hh_uncovered: 'Household without {measure}',
  summary: 'Progress against the targets',
  updated: 'Last updated: {when}',
  model: 'Model: {model}',
  total_households: 'Households',
  total_population: 'Population',
  total_area: 'Area',
  targets_2025: 'Targets for 2025',
  targets_2030: 'Targets by 2030',
  met: 'Met',
  not_met: 'Not met',
  actual_of_target: '{actual} / target {target}',
  basis_of_target_households: 'by households',
  basis_of_target_population: 'by population',
  basis_of_target_thon: 'by thôn',
  thon_status: 'Status of each thôn',
  thon_status_hint: 'From mobile and fiber coverage. Choose a thôn to see it on the map.',
  status_green: 'Green',
  status_amber: 'Amber',
  status_red: 'Red',
  status_green_long: 'Green — met',
  status_amber_long: 'Amber — nearly',
  status_red_long: 'Red — far from it',
  close: 'Close',
  thon_code: 'Thôn code {id}',
  commune_of: '{commune} commune',
  households: 'Households',
  households_declared: 'declared {n}',
  population: 'Population',
  area: 'Area',
  coverage_rate: 'Coverage rate',
  col_measure: 'Measure',
  col_pop: '% people',
  col_hh: '% households',
  col_area: '% area',
  col_hh_left: 'Households left out',
  col_gap_area: 'Gap (km²)',
  chart_title: 'Coverage rate {basis}',
  chart_aria: 'Chart of the coverage rate of {name} {basis}: {values}',
  by_operator: 'By operator ({basis})',
  point_title: 'At the chosen place',
  point_coords: 'Latitude {lat}, longitude {lon}',
  point_outside: 'Outside every thôn',
  point_loading: 'Asking the server…',
  point_failed: 'Could not get this place: {detail}',
  covered_by: 'Covered',
  not_covered: 'No signal',
  fiber_not_reached: 'No fiber',
  best_signal: 'Best signal of each operator',
  col_operator: 'Operator',
  col_tech: 'Technology',
  col_site: 'Site',
  col_distance: 'Distance',
  col_rsrp: 'RSRP (dBm)',
  col_tier: 'Signal',
  tier_good: 'Good',
  tier_moderate: 'Moderate',
  tier_usable: 'Usable',
  tier_none: 'No signal',
  tier_disc_covered: 'Covered (within radius)',
  tier_disc_none: 'No signal (beyond radius)',
  fiber_nearest: 'Nearest fiber route: {route} ({operator}), {distance} away, up to {speed}.',
  fiber_within: 'Within drop distance ({drop}): fiber can be connected.',
  fiber_beyond: 'Beyond drop distance ({drop}).',
  fiber_none: 'No fiber route nearby.',
  site_popup_tech: 'Technology',
  site_popup_height: 'Antenna height',
  site_popup_radius: 'Declared radius',
  site_popup_freq: 'Frequency',
  site_popup_eirp: 'EIRP',
  site_popup_sectors: 'Sectors (azimuth)',
  upload: 'Upload data',
  upload_hint: 'A GeoJSON file (WGS 84) of site points, each with id, operator and tech (e.g. ["4G","5G"]).',
  upload_drop: 'Drop a file here, or choose one:',
  upload_choose: 'Choose a GeoJSON file…',
  fit_all: 'Show the whole commune',
  upload_token: "Operator's access token",
  upload_submit: 'Upload',
  upload_sending: 'Uploading and recomputing coverage…',
  upload_no_file: 'Choose a file.',
  upload_no_token: 'Enter the access token.',
  upload_bad_json: 'Error: invalid file — not readable as JSON ({detail}).',
  upload_invalid: 'Error: invalid file — {n} problem(s). Nothing was changed.',
  upload_denied: 'Not allowed: {detail}',
  upload_failed: 'Upload failed ({status}): {detail}',
  upload_network: 'Could not reach the server: {detail}',
  upload_ok: 'Uploaded (#{id}): {inserted} site(s) added, {updated} updated.',
  upload_no_change: 'No thôn changed its coverage.',
  upload_affected: 'Thôn that changed (before → after)',
  col_file: 'File',
  col_feature: 'Feature no.',
  col_id: 'Id',
  col_reason: 'Reason',
  col_thon: 'Thôn',
  col_before: 'Before',
  col_after: 'After',
  export: 'Export data',
  export_gaps: '{measure} coverage gaps:',
  export_thon: 'Figures per thôn:',
  export_geojson: 'GeoJSON',
  export_csv: 'CSV',
  export_note: 'Downloads come straight from the server, with the latest figures.',
  footer: 'Data: phusong. Figures are estimates from a coverage model, not drive tests.',
};

const DICTS = { vi: VI, en: EN };
const KEY = 'phusong.lang';
let lang = readLang();
const listeners = [];

function readLang() {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved && DICTS[saved]) return saved;
  } catch {
    /* storage may be blocked: Vietnamese then */
  }
  return 'vi';
}

/** The current language: "vi" or "en". */
export const getLang = () => lang;

/** Switches the language, remembers it, and tells every listener. */
export function setLang(next) {
  if (!DICTS[next] || next === lang) return;
  lang = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    /* not remembered, still switched */
  }
  listeners.forEach((f) => f(lang));
}

/** Calls `f(lang)` after every switch. */
export const onLangChange = (f) => listeners.push(f);

/** The text for `key` with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const s = DICTS[lang][key] ?? VI[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? `{${k}}`)).normalize('NFC');
}

/** The name of a measure (4G, 5G, mobile, fiber, fiber_1g). */
export const measureName = (m) => t(`m_${m}`);

const locale = () => (lang === 'vi' ? 'vi-VN' : 'en-GB');
const cache = new Map();
function nf(opts) {
  const k = locale() + JSON.stringify(opts);
  if (!cache.has(k)) cache.set(k, new Intl.NumberFormat(locale(), opts));
  return cache.get(k);
}
/** -0, NaN and null read as 0. */
const clean = (v) => (Number.isFinite(v) ? v + 0 || 0 : 0);

/** A number with at most `digits` decimals (1.234,5 in Vietnamese). */
export const fmtNum = (v, digits = 0) => nf({ maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(clean(v));

/** A whole number: people and households are counted, so round. */
export const fmtInt = (v) => nf({ maximumFractionDigits: 0 }).format(Math.round(clean(v)) || 0);

/** A fraction as a percentage with one decimal. It shows 100 % only when all is covered and
 * 0 % only when nothing is, so that a target is never shown met by rounding. */
export function fmtPct(frac) {
  let v = clean(frac);
  if (v >= 1 - 1e-9) v = 1;
  else if (v > 0.999) v = 0.999;
  else if (v > 0 && v < 0.0005) return `< ${nf({ style: 'percent', maximumFractionDigits: 1 }).format(0.001)}`;
  return nf({ style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(v);
}

/** m² as km² with two decimals. */
export const fmtKm2 = (m2) => `${nf({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(clean(m2) / 1e6)} km²`;

/** A distance: metres below 1 km, else km with one decimal. */
export const fmtDist = (m) => (clean(m) < 1000 ? `${fmtInt(m)} m` : `${fmtNum(m / 1000, 1)} km`);

/** A speed in Mb/s, as Gb/s from 1 000 on. */
export const fmtSpeed = (mbps) => (clean(mbps) >= 1000 ? `${fmtNum(mbps / 1000, 1)} Gb/s` : `${fmtInt(mbps)} Mb/s`);

/** A date and time, local to the reader. */
export function fmtDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso ?? '');
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

/** Fills every [data-i18n] element's text, [data-i18n-aria] aria-label and
 * [data-i18n-title] title under `root`, and the page's lang attribute. */
export function applyStatic(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n)));
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nAria)));
  root.querySelectorAll('[data-i18n-title]').forEach((el) => el.setAttribute('title', t(el.dataset.i18nTitle)));
}
