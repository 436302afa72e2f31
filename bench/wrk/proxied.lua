-- A service's request with a user token: GET with X-Auth-Token. Usage: wrk ... -s proxied.lua URL -- TOKEN_ID
-- (the same script for the upstream hit directly, which ignores the token, and through identity-auth-proxy).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
require "report"

function init(args)
  token = args[1]
end

function request()
  return wrk.format("GET", "/v1/objects/photo.jpg", {["X-Auth-Token"] = token})
end

done = report
