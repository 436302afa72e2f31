-- The baseline's requests: a GET of the same shape as validate.lua (the body does not depend on it).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
require "report"

function request()
  return wrk.format("GET", "/v2.0/tokens/0123456789abcdef0123456789abcdef", {["X-Auth-Token"] = "ADMIN"})
end

done = report
