-- wrk script for bench/pg.sh: a mixed load of 70 % reads of case files, 20 % new reports and
-- 10 % edits, as one organisation's case workers and reporters would make.
-- Environment: BENCH_TOKEN (API token), BENCH_ORG (organisation id), BENCH_IDS (incident ids,
-- comma-separated), BENCH_MIX ("70,20": the percentages of reads and of new reports; the rest
-- are edits).
local token = os.getenv("BENCH_TOKEN")
local org = os.getenv("BENCH_ORG")
local ids = {}
for id in string.gmatch(os.getenv("BENCH_IDS"), "[^,]+") do ids[#ids + 1] = id end
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local counter = 0
local reads, reports = string.match(os.getenv("BENCH_MIX") or "70,20", "(%d+),(%d+)")
reads, reports = tonumber(reads), tonumber(reports)

function setup(thread)
  thread:set("seed", math.random(1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

function request()
  counter = counter + 1
  local roll = math.random(100)
  local id = ids[math.random(#ids)]
  if roll <= reads then
    return wrk.format("GET", "/api/v1/incidents/" .. id, headers)
  elseif roll <= reads + reports then
    return wrk.format("POST", "/api/v1/incidents", headers,
      '{"org":"' .. org .. '","title":"Bench ' .. counter .. '","what_happened":"loss","data":["name"]}')
  end
  return wrk.format("PATCH", "/api/v1/incidents/" .. id, headers, '{"records":' .. (counter % 1000 + 1) .. '}')
end
