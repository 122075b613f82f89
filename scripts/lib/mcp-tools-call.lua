-- wrk script: MCP `tools/call get_forecast` on an existing Streamable HTTP session.
-- Environment: MCP_SESSION (required), MCP_TOKEN (bearer token, optional), MCP_PROTOCOL,
-- MCP_LATITUDE, MCP_LONGITUDE. Every request gets its own JSON-RPC id.
-- Besides wrk's own report it prints one machine-readable line:
--   RESULT requests=... rps=... p50_us=... p90_us=... p99_us=... max_us=... status_errors=...
--          socket_errors=... timeouts=... non200=... tool_errors=... bad_bodies=...
-- non200: responses whose status is not 200; tool_errors: 200 with "isError":true (e.g. the NWS stub
-- failed); bad_bodies: any other 200 without "Temperature" in the forecast text.

local session = os.getenv("MCP_SESSION")
local token = os.getenv("MCP_TOKEN")
local protocol = os.getenv("MCP_PROTOCOL") or "2025-11-25"
local latitude = os.getenv("MCP_LATITUDE") or "39.7456"
local longitude = os.getenv("MCP_LONGITUDE") or "-97.0892"

local threads = {}

function setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	if session == nil or session == "" then
		error("MCP_SESSION is not set")
	end
	wrk.method = "POST"
	wrk.headers["Content-Type"] = "application/json"
	wrk.headers["Accept"] = "application/json, text/event-stream"
	wrk.headers["Mcp-Session-Id"] = session
	wrk.headers["MCP-Protocol-Version"] = protocol
	if token ~= nil and token ~= "" then
		wrk.headers["Authorization"] = "Bearer " .. token
	end
	counter = 0
	non200 = 0
	tool_errors = 0
	bad_bodies = 0
end

-- The headers are formatted once (wrk.format over the headers table costs as much per request as the
-- rest of the script); each request only adds its body, with its own id, and that body's length.
local prefix = nil

function request()
	counter = counter + 1
	local body = string.format('{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"get_forecast",'
		.. '"arguments":{"latitude":%s,"longitude":%s}}}', tid * 1000000000 + counter, latitude, longitude)
	if prefix == nil then
		local template = wrk.format(nil, nil, nil, body)
		local head = template:sub(1, template:find("\r\n\r\n", 1, true) - 1)
		prefix = head:gsub("\r\nContent%-Length: %d+", "") .. "\r\n"
	end
	return prefix .. "Content-Length: " .. #body .. "\r\n\r\n" .. body
end

function response(status, headers, body)
	if status ~= 200 then
		non200 = non200 + 1
	elseif body:find('"isError":true', 1, true) then
		tool_errors = tool_errors + 1
	elseif not body:find("Temperature", 1, true) then
		bad_bodies = bad_bodies + 1
	end
end

function done(summary, latency, requests)
	local counts = { non200 = 0, tool_errors = 0, bad_bodies = 0 }
	for _, thread in ipairs(threads) do
		for name, _ in pairs(counts) do
			counts[name] = counts[name] + (thread:get(name) or 0)
		end
	end
	local e = summary.errors
	io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d "
		.. "status_errors=%d socket_errors=%d timeouts=%d non200=%d tool_errors=%d bad_bodies=%d\n",
		summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
		latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
		e.status, e.connect + e.read + e.write, e.timeout, counts.non200, counts.tool_errors, counts.bad_bodies))
end
