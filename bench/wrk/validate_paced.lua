-- GET /v2.0/tokens/{id} with the admin token, each connection waiting 2 ms between requests: the
-- load of services validating tokens (a few thousand a second), not a saturating client, so the
-- latency measured is the server's and not the queue a saturating client builds.
-- Usage: wrk ... -s validate_paced.lua URL -- TOKEN_ID
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
require "report"

function init(args)
  path = "/v2.0/tokens/" .. args[1]
end

function delay()
  return 2
end

function request()
  return wrk.format("GET", path, {["X-Auth-Token"] = "ADMIN"})
end

done = report
