-- wrk script: comments sent through the API, each with a text of its own.
-- Environment: BENCH_TOKEN (API token), BENCH_SLUG (draft), BENCH_RUN (a
-- label kept in the texts, so two runs never send the same text),
-- BENCH_QUOTA (answers per thread before it stops; 0: run for -d),
-- BENCH_IDS (a path prefix: each thread writes the ids of the comments it
-- got a 201 for to PREFIX.N, and creates PREFIX.N.done when its quota is
-- answered — wrk itself runs until -d or SIGINT, so bench/run watches for
-- those). Prints "acknowledged N answered M" at the end.
local token = os.getenv("BENCH_TOKEN")
local slug = os.getenv("BENCH_SLUG")
local run = os.getenv("BENCH_RUN") or "1"
local quota = tonumber(os.getenv("BENCH_QUOTA") or "0")
local ids = os.getenv("BENCH_IDS")
local threads = {}

-- Words the texts are made of, so they are Vietnamese and differ.
local words = { "thời hạn", "hồ sơ", "doanh nghiệp", "lệ phí", "điều kiện", "thủ tục",
  "giấy phép", "hộ gia đình", "đất ở", "bồi thường", "tái định cư", "công khai" }

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  answered = 0
  acked = 0
  out = ids and io.open(ids .. "." .. tid, "w")
  wrk.method = "POST"
  wrk.path = "/api/v1/drafts/" .. slug .. "/comments"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  local a = words[sent % #words + 1]
  local b = words[(sent * 7 + tid) % #words + 1]
  local body = string.format(
    '{"body":"Lượt %s, luồng %d, ý kiến %d: đề nghị làm rõ %s và %s trong quy định này.","category":"individual","consent_processing":true}',
    run, tid, sent, a, b)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  answered = answered + 1
  if status == 201 then
    acked = acked + 1
    if out then
      local id = body:match('"id":"([^"]+)"')
      if id then out:write(id, "\n"); out:flush() end
    end
  end
  if quota > 0 and answered == quota then
    if ids then io.open(ids .. "." .. tid .. ".done", "w"):close() end
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local a, n = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acked")
    n = n + t:get("answered")
  end
  io.write(string.format("acknowledged %d answered %d\n", a, n))
end
