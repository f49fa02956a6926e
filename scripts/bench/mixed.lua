-- wrk script for scripts/bench/load.sh: a mix of the read endpoints, weighted like people
-- using the map — mostly clicks on the map (point queries) and the summary panel, some thôn
-- opened, gaps and layers for a viewport, now and then the full layers and the history.
-- Every response is counted by status class, and done() reports them: wrk's own
-- "Non-2xx or 3xx responses" line lumps 4xx and 5xx together.
--
-- From the environment:
--   BBOX="min_lon,min_lat,max_lon,max_lat"   the thôn layer's box (WGS 84)
--   THON_IDS="T000001,T000002,…"             thôn ids to open (a sample is enough)
--   MIXED_OUT=FILE                           (optional) done() also writes its counts here
--   WEIGHTS="gaps_all=0,point=80"            (optional) other weights for some entries
-- Each wrk thread has its own fixed seed: the sequence of requests is reproducible.
--
-- wrk runs setup() and done() in the main Lua state and request()/response() in one Lua
-- state per thread, so the counters live in each thread and done() collects them with
-- thread:get over the threads saved in setup() (the pattern of wrk's scripts/counter.lua
-- and setup.lua).

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

-- The mix: name, weight, and a function returning the path. Weights are out of 100.
local measures = { "4G", "5G", "mobile", "fiber", "fiber_1g" }

local function rnd(a, b)
  return a + math.random() * (b - a)
end

-- A map viewport: a box of about 2-6 km somewhere in the thôn box.
local function viewport()
  local w = rnd(0.02, 0.06)
  local lon = rnd(min_lon, math.max(min_lon, max_lon - w))
  local lat = rnd(min_lat, math.max(min_lat, max_lat - w))
  return string.format("%.5f,%.5f,%.5f,%.5f", lon, lat, math.min(lon + w, max_lon), math.min(lat + w, max_lat))
end

local function one_thon()
  return thon_ids[math.random(#thon_ids)]
end

local mix = {
  { "point", 55, function()
      return string.format("/api/coverage/point?lat=%.6f&lon=%.6f", rnd(min_lat, max_lat), rnd(min_lon, max_lon))
    end },
  { "summary", 14, function() return "/api/summary" end },
  { "thon_one", 8, function() return "/api/thon/" .. one_thon() end },
  { "gaps_thon", 6, function()
      return "/api/gaps?tech=" .. measures[math.random(#measures)] .. "&thon=" .. one_thon()
    end },
  { "gaps_viewport", 3, function()
      return "/api/gaps?tech=" .. measures[math.random(#measures)] .. "&bbox=" .. viewport()
    end },
  { "sites_viewport", 4, function() return "/api/sites?bbox=" .. viewport() end },
  { "fiber_viewport", 2, function() return "/api/fiber?bbox=" .. viewport() end },
  { "history", 3, function() return "/api/history?limit=20" end },
  { "healthz", 3, function() return "/healthz" end },
  -- What the map loads when it opens (web/app/main.js): the whole layers and one measure's
  -- gaps everywhere. Rare, and heavy at province scale.
  { "thon_all", 0.5, function() return "/api/thon" end },
  { "sites_all", 0.5, function() return "/api/sites" end },
  { "fiber_all", 0.5, function() return "/api/fiber" end },
  { "gaps_all", 0.5, function() return "/api/gaps?tech=" .. measures[math.random(#measures)] end },
}
function init(args)
  for name, w in string.gmatch(os.getenv("WEIGHTS") or "", "([%w_]+)=([%d.]+)") do
    local found = false
    for _, m in ipairs(mix) do
      if m[1] == name then
        m[2], found = tonumber(w), true
      end
    end
    assert(found, "WEIGHTS: no entry " .. name)
  end
  total_weight = 0
  for _, m in ipairs(mix) do
    total_weight = total_weight + m[2]
  end
  math.randomseed(104729 * id)
  local b = {}
  for v in string.gmatch(os.getenv("BBOX") or "", "[^,]+") do
    b[#b + 1] = tonumber(v)
  end
  assert(#b == 4, "BBOX must be min_lon,min_lat,max_lon,max_lat")
  min_lon, min_lat, max_lon, max_lat = b[1], b[2], b[3], b[4]
  thon_ids = {}
  for v in string.gmatch(os.getenv("THON_IDS") or "", "[^,]+") do
    thon_ids[#thon_ids + 1] = v
  end
  assert(#thon_ids > 0, "THON_IDS must list at least one thôn id")
  sent = {}
  for _, m in ipairs(mix) do
    sent[m[1]] = 0
  end
  s2, s3, s4, s5, sother = 0, 0, 0, 0, 0
  first5 = ""
end

function request()
  local r = math.random() * total_weight
  local m
  for _, x in ipairs(mix) do
    m = x
    r = r - x[2]
    if r < 0 then
      break
    end
  end
  sent[m[1]] = sent[m[1]] + 1
  return wrk.format("GET", m[3]())
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    s2 = s2 + 1
  elseif status >= 300 and status < 400 then
    s3 = s3 + 1
  elseif status >= 400 and status < 500 then
    s4 = s4 + 1
  elseif status >= 500 and status < 600 then
    s5 = s5 + 1
    if first5 == "" then
      first5 = status .. " " .. string.sub(body or "", 1, 300)
    end
  else
    sother = sother + 1
  end
end

function done(summary, latency, requests)
  local c = { s2 = 0, s3 = 0, s4 = 0, s5 = 0, sother = 0 }
  local by = {}
  local first = ""
  for _, t in ipairs(threads) do
    for k in pairs(c) do
      c[k] = c[k] + (t:get(k) or 0)
    end
    local s = t:get("sent") or {}
    for k, v in pairs(s) do
      by[k] = (by[k] or 0) + v
    end
    if first == "" then
      first = t:get("first5") or ""
    end
  end
  local lines = {}
  lines[#lines + 1] = string.format("mixed: 2xx %d 3xx %d 4xx %d 5xx %d other %d",
    c.s2, c.s3, c.s4, c.s5, c.sother)
  local names = {}
  for _, m in ipairs(mix) do
    names[#names + 1] = string.format("%s %d", m[1], by[m[1]] or 0)
  end
  lines[#lines + 1] = "mixed sent: " .. table.concat(names, ", ")
  lines[#lines + 1] = string.format("mixed wrk: requests %d, errors connect %d read %d write %d status %d timeout %d",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout)
  if first ~= "" then
    lines[#lines + 1] = "mixed first 5xx: " .. first:gsub("\n", " ")
  end
  local text = table.concat(lines, "\n") .. "\n"
  io.write(text)
  local out = os.getenv("MIXED_OUT")
  if out and out ~= "" then
    local f = assert(io.open(out, "w"))
    f:write(text)
    f:close()
  end
end
