-- wrk script for GET /api/coverage/point at random places inside a box, so that the server
-- answers different points (different candidate sites and thôn) rather than one cached path.
-- The box comes from the environment: BBOX="min_lon,min_lat,max_lon,max_lat" (WGS 84).
-- Each wrk thread has its own fixed seed: runs are reproducible. POINT_QUERY, if set, is
-- appended to every query (e.g. "&sites=none", the map's answer without the site list).

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  math.randomseed(7919 * seed)
  local b = {}
  for v in string.gmatch(os.getenv("BBOX") or "", "[^,]+") do
    b[#b + 1] = tonumber(v)
  end
  assert(#b == 4, "BBOX must be min_lon,min_lat,max_lon,max_lat")
  min_lon, min_lat, max_lon, max_lat = b[1], b[2], b[3], b[4]
  extra = os.getenv("POINT_QUERY") or ""
end

function request()
  local lon = min_lon + math.random() * (max_lon - min_lon)
  local lat = min_lat + math.random() * (max_lat - min_lat)
  return wrk.format("GET", string.format("/api/coverage/point?lat=%.6f&lon=%.6f%s", lat, lon, extra))
end
