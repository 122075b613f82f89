// The official TypeScript SDK client over Streamable HTTP: connect, list tools, call each tool given.
// Usage: node ts-sdk-client.mjs <mcp-url> '<json array of {name, arguments}>' ['<json object of extra headers>']
// Prints one JSON document: the negotiated protocol version, the tool names, and each call's result.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, callsJson = '[]', headersJson = '{}'] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: JSON.parse(headersJson) },
});
const client = new Client({ name: 'amagasa-interop-ts', version: '1.0.0' });
await client.connect(transport);
const listed = await client.listTools();
const calls = [];
for (const call of JSON.parse(callsJson)) {
  calls.push(await client.callTool(call));
}
const report = {
  protocolVersion: transport.protocolVersion,
  sessionId: transport.sessionId,
  tools: listed.tools,
  calls,
};
await transport.terminateSession();
await client.close();
process.stdout.write(JSON.stringify(report) + '\n');
