-- The query API's mix for wrk (https://github.com/wg/wrk), an outside load generator: every question
-- route over every wave and every filter combination the API accepts, asked in turn.
--
--   wrk -t2 -c8 -d30s -s bench/wrk/api-mix.lua http://127.0.0.1:PORT -- \
--       waves=2025-04,2025-05,2025-06 partners=partner-1,partner-2 until=2025-06-29
--
-- Arguments after "--", each name=value (lists comma-separated):
--   waves     the waves asked about (required): usage, barriers, drivers and tools of each
--   partners  the partners to filter by (required; "partner" filter values)
--   until     the last day of the rolling windows (default: the API's, today)
--   days      rolling window lengths (default 30); the public may only ask for some (docs/disclosure.md)
--   tools     the tools whose trend is asked (default chatgpt,nabla,gemini,claude,posos)
--   path      ask only this path instead of the mix (e.g. /health/live: a reference, the same
--             server answering a constant); waves and partners are then not needed
-- A token, when the API wants one for the audience to measure, comes from the environment
-- (MEDPULSE_API_TOKEN), never from the command line, so that it stays out of process lists.
--
-- The filter combinations are every partner, practice type and setting, each also left open
-- (partners+1) x 4 x 5 of them, so the cycle is long: each thread starts at its own place in it.
-- done() prints one line, "wrk-result: key=value ...", that `medpulse bench api --clients wrk` reads.

local PRACTICE_TYPES = { "GENERAL_PRACTITIONER", "SPECIALIST", "OTHER" }
local SETTINGS = { "HOSPITAL", "PRIVATE_PRACTICE", "MIXED", "OTHER" }
local WAVE_ENDPOINTS = { "usage", "barriers", "drivers", "tools" }

local function split(text)
  local items = {}
  for item in string.gmatch(text or "", "[^,]+") do
    items[#items + 1] = item
  end
  return items
end

local function encode(text)
  return (string.gsub(text, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Every combination of the three filters, each criterion also left open: "" is no filter at all.
local function filters(partners)
  local function with_open(values)
    local all = { false }
    for _, v in ipairs(values) do all[#all + 1] = v end
    return all
  end
  local combos = {}
  for _, partner in ipairs(with_open(partners)) do
    for _, practice in ipairs(with_open(PRACTICE_TYPES)) do
      for _, setting in ipairs(with_open(SETTINGS)) do
        local query = {}
        if partner then query[#query + 1] = "partner=" .. encode(partner) end
        if practice then query[#query + 1] = "practiceType=" .. practice end
        if setting then query[#query + 1] = "setting=" .. setting end
        combos[#combos + 1] = table.concat(query, "&")
      end
    end
  end
  return combos
end

local function with_query(path, query)
  if query == "" then return path end
  return path .. (string.find(path, "?", 1, true) and "&" or "?") .. query
end

local requests = {}
local next_request = 1
non200 = 0

function setup(thread)
  threads = threads or {}
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

function init(args)
  local options = { days = "30", tools = "chatgpt,nabla,gemini,claude,posos" }
  for _, arg in ipairs(args) do
    local name, value = string.match(arg, "^([%w_]+)=(.*)$")
    if name then options[name] = value end
  end
  local headers = {}
  local token = os.getenv("MEDPULSE_API_TOKEN")
  if token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  if options.path then
    requests[1] = wrk.format("GET", options.path, headers)
    return
  end
  local waves, partners = split(options.waves), split(options.partners)
  if #waves == 0 or #partners == 0 then
    error("api-mix.lua needs waves=... and partners=... after '--' (see the script's header)")
  end

  local paths = {}
  for _, wave in ipairs(waves) do
    for _, endpoint in ipairs(WAVE_ENDPOINTS) do
      paths[#paths + 1] = "/api/v1/waves/" .. encode(wave) .. "/" .. endpoint
    end
  end
  for _, days in ipairs(split(options.days)) do
    local rolling = "/api/v1/usage/rolling?days=" .. days
    if options["until"] then rolling = rolling .. "&until=" .. options["until"] end
    paths[#paths + 1] = rolling
  end
  for _, tool in ipairs(split(options.tools)) do
    paths[#paths + 1] = "/api/v1/tools/" .. encode(tool) .. "/trend"
  end
  -- Requests are formatted once: request() only hands the next one out.
  local combos = filters(partners)
  for _, query in ipairs(combos) do
    for _, path in ipairs(paths) do
      requests[#requests + 1] = wrk.format("GET", with_query(path, query), headers)
    end
  end
  requests[#requests + 1] = wrk.format("GET", "/api/v1/waves", headers)

  -- Threads start half a cycle apart (two threads, as the benchmark runs wrk), so that they do not
  -- ask the same question at the same moment.
  next_request = 1 + ((id - 1) * math.floor(#requests / 2)) % #requests
  if id == 1 then
    io.write(string.format("wrk-mix: %d requests in the cycle (%d paths x %d filter combinations, and /api/v1/waves)\n",
      #requests, #paths, #combos))
  end
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + thread:get("non200")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "wrk-result: requests=%d seconds=%.2f req_per_s=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      .. "non200=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, not_ok,
    e.connect + e.read + e.write + e.timeout))
end
