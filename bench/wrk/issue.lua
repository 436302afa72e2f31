-- POST /v2.0/tokens with the demo user's password credentials.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
require "report"

local body = '{"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"secretsecret"}}}'

function request()
  return wrk.format("POST", "/v2.0/tokens", {["Content-Type"] = "application/json"}, body)
end

done = report
