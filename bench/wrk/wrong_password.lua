-- POST /v2.0/tokens with the demo user and a wrong password: a PBKDF2 check each, answered 401.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
require "report"

local body = '{"auth":{"tenantName":"demo","passwordCredentials":{"username":"demo","password":"wrongwrong"}}}'

function request()
  return wrk.format("POST", "/v2.0/tokens", {["Content-Type"] = "application/json"}, body)
end

done = report
