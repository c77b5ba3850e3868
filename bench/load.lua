-- wrk script for bench/load.sh: signed-in GETs over a rotation of pages and API endpoints.
-- Environment (set by load.sh): LOAD_COOKIE (the sign-in cookie header), LOAD_PATHS (paths separated by spaces).
-- Each thread keeps its cookies as a browser does: the server re-issues the sign-in cookie when it checks the account again
-- (once a minute), and a client that kept sending the old one made every later request check the account anew.
local cookie = os.getenv("LOAD_COOKIE") or ""
local paths = {}
for p in string.gmatch(os.getenv("LOAD_PATHS") or "/", "%S+") do table.insert(paths, p) end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  n = id or 0   -- each thread starts at a different place in the rotation
  errors = 0    -- a status outside 2xx/3xx
  bounced = 0   -- sent back to the sign-in page: the session was lost
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], { ["Cookie"] = cookie })
end

-- The name=value pair of a Set-Cookie header replaces the cookie of that name (wrk keeps one header of each name, and the
-- platform sets one cookie at a time).
local function keep(set)
  local name, value = string.match(set, "^%s*([^=;%s]+)=([^;]*)")
  if not name then return end
  local pair = name .. "=" .. value
  local found = false
  cookie = string.gsub(cookie, "([^;%s]+)=[^;]*", function(n)
    if n == name then found = true; return pair end
  end)
  if not found then cookie = (cookie == "" and pair) or (cookie .. "; " .. pair) end
end

function response(status, headers, body)
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if set then keep(set) end
  if status < 200 or status >= 400 then errors = errors + 1 end
  local location = headers["Location"] or headers["location"]
  if location and string.find(location, "/Account/Login", 1, true) then bounced = bounced + 1 end
end

function done(summary, latency, requests)
  local e, b = 0, 0
  for _, t in ipairs(threads) do
    e = e + t:get("errors")
    b = b + t:get("bounced")
  end
  local s = summary.errors
  local socket = s.connect + s.read + s.write + s.timeout
  local seconds = summary.duration / 1e6
  io.write("\n== result\n")
  io.write(string.format("requests      %d in %.1f s (%.1f req/s)\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("latency p50   %.1f ms\n", latency:percentile(50) / 1000))
  io.write(string.format("latency p90   %.1f ms\n", latency:percentile(90) / 1000))
  io.write(string.format("latency p99   %.1f ms\n", latency:percentile(99) / 1000))
  io.write(string.format("latency max   %.1f ms\n", latency.max / 1000))
  io.write(string.format("errors        %d non-2xx/3xx, %d bounced to sign-in, %d socket (connect %d, read %d, write %d, timeout %d)\n",
    e, b, socket, s.connect, s.read, s.write, s.timeout))
  io.write(string.format("LOAD_ERRORS=%d\n", e + b + socket))
end
