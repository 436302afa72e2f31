-- GET /v2.0/tokens/{id} with the admin token. Usage: wrk ... -s validate.lua URL -- TOKEN_ID
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
require "report"

function init(args)
  path = "/v2.0/tokens/" .. args[1]
end

function request()
  return wrk.format("GET", path, {["X-Auth-Token"] = "ADMIN"})
end

done = report
