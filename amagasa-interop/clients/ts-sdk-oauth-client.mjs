// The official TypeScript SDK client discovering and completing OAuth on its own, as an MCP host does:
// connect -> 401 -> Protected Resource Metadata -> authorization server metadata -> client registration
// (dynamic, or a pre-registered public client) -> authorization code + PKCE, with the user signing in on
// the authorization server's real login page in headless Chromium -> transport.finishAuth(code) ->
// reconnect -> tools/list and the tool calls given. Works against any authorization server whose login
// page has username/password fields: the selectors, or a whole login-driver module, are arguments.
//
// Usage: node ts-sdk-oauth-client.mjs --url <mcp-url> --username <u> --password <p>
//   [--calls '<json array of {name, arguments}>']
//   [--client-id <pre-registered public client id>]   (default: dynamic client registration)
//   [--client-metadata-url https://…/client.json]     (a Client ID Metadata Document URL: used as the
//                                                      client_id when the authorization server supports it)
//   [--redirect-uri http://127.0.0.1:<port>/callback] (default: a free loopback port)
//   [--selectors '<json>']          (see browser-login.mjs; default Keycloak's)
//   [--login-driver <module path>]  (exports browserLogin(options) like browser-login.mjs; default that one)
//   [--screenshot-dir <dir>] [--screenshot-prefix <name>] [--timeout-ms <ms>]
// Prints one JSON document: the HTTP exchanges the SDK made, the authorization request it built, the
// registered client (no secrets), the redirect back, the token's claims (never the token), the negotiated
// protocol version, the tool names and each call's result. Exit code 0 when all of it worked.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { parseArgs } from './browser-login.mjs';

const args = parseArgs(process.argv.slice(2));
for (const required of ['url', 'username', 'password']) {
  if (!args[required]) {
    process.stderr.write(`Missing --${required}\n`);
    process.exit(2);
  }
}
const log = (line) => process.stderr.write(`[ts-sdk-oauth ${new Date().toISOString().slice(11, 23)}] ${line}\n`);
const timeoutMs = args.timeoutMs ? Number(args.timeoutMs) : 30000;
const driverPath = args.loginDriver ? resolve(args.loginDriver) : new URL('./browser-login.mjs', import.meta.url).pathname;
const { browserLogin } = await import(pathToFileURL(driverPath).href);
if (typeof browserLogin !== 'function') {
  throw new Error(`${driverPath} does not export browserLogin(options)`);
}

async function freeLoopbackPort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

const redirectUri = args.redirectUri ?? `http://127.0.0.1:${await freeLoopbackPort()}/callback`;

// Every HTTP exchange the SDK makes (MCP requests, discovery, registration, token), for the report.
const trace = [];
const tracingFetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  const response = await fetch(input, init);
  trace.push({ method, url, status: response.status, wwwAuthenticate: response.headers.get('www-authenticate') ?? undefined });
  return response;
};

/** An OAuthClientProvider that keeps everything in memory and signs in with the login driver. */
class HeadlessBrowserProvider {
  constructor() {
    this.client = args.clientId ? { client_id: args.clientId } : undefined;
    this.preRegistered = Boolean(args.clientId);
    this.savedTokens = undefined;
    this.verifier = undefined;
    this.expectedState = undefined;
    this.authorizationUrl = undefined;
    this.login = undefined;
    this.discovery = undefined;
  }

  get redirectUrl() {
    return redirectUri;
  }

  // CIMD: the SDK uses this URL as the client_id when the AS metadata says
  // client_id_metadata_document_supported (SEP-991), and registers dynamically otherwise.
  get clientMetadataUrl() {
    return args.clientMetadataUrl;
  }

  get clientMetadata() {
    return {
      client_name: 'amagasa-interop ts-sdk-oauth-client',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      // A loopback redirect: a native application (RFC 8252; MCP asks registering clients to say so).
      application_type: 'native',
    };
  }

  // The SDK hands over what discovery found (the validated authorization server metadata included):
  // kept to check the issuer in the authorization response (RFC 9207) before the code is used.
  saveDiscoveryState(state) {
    this.discovery = state;
  }

  discoveryState() {
    return this.discovery;
  }

  state() {
    this.expectedState = randomUUID();
    return this.expectedState;
  }

  clientInformation() {
    return this.client;
  }

  saveClientInformation(information) {
    this.client = information;
  }

  tokens() {
    return this.savedTokens;
  }

  saveTokens(tokens) {
    this.savedTokens = tokens;
  }

  saveCodeVerifier(verifier) {
    this.verifier = verifier;
  }

  codeVerifier() {
    if (!this.verifier) {
      throw new Error('No PKCE code verifier saved');
    }
    return this.verifier;
  }

  async redirectToAuthorization(authorizationUrl) {
    this.authorizationUrl = authorizationUrl;
    log(`authorization request to ${authorizationUrl.origin}${authorizationUrl.pathname}`);
    this.login = await browserLogin({
      authorizationUrl: authorizationUrl.href,
      redirectUri,
      username: args.username,
      password: args.password,
      selectors: args.selectors ? JSON.parse(args.selectors) : {},
      screenshotDir: args.screenshotDir,
      screenshotPrefix: args.screenshotPrefix ?? 'ts-sdk-oauth-login',
      timeoutMs,
      log: (line) => log(`browser: ${line}`),
    });
  }
}

function claimsOf(jwt) {
  const parts = (jwt ?? '').split('.');
  if (parts.length !== 3) {
    return { opaque: true };
  }
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

const provider = new HeadlessBrowserProvider();
const mcpUrl = new URL(args.url);
const newTransport = () => new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider, fetch: tracingFetch });

const report = { redirectUri, preRegisteredClient: provider.preRegistered };

// 1. Unauthenticated: the SDK discovers, registers and sends the user to the login page.
let transport = newTransport();
let client = new Client({ name: 'amagasa-interop-ts-oauth', version: '1.0.0' });
try {
  await client.connect(transport);
  report.firstConnect = 'connected without authorization';
} catch (error) {
  if (!(error instanceof UnauthorizedError)) {
    throw error;
  }
  report.firstConnect = 'UnauthorizedError';
}
if (!provider.login) {
  throw new Error(`The SDK never asked for a login (first connect: ${report.firstConnect}); exchanges: ${JSON.stringify(trace)}`);
}
const authorizationParams = Object.fromEntries(provider.authorizationUrl.searchParams);
report.authorizationRequest = {
  endpoint: `${provider.authorizationUrl.origin}${provider.authorizationUrl.pathname}`,
  params: { ...authorizationParams, code_challenge: authorizationParams.code_challenge ? '(present)' : undefined },
};
report.callback = {
  hasCode: Boolean(provider.login.code),
  stateMatches: provider.login.state === provider.expectedState,
  iss: provider.login.iss,
  error: provider.login.error,
  consented: provider.login.consented,
  screenshots: provider.login.screenshots,
};
if (!provider.login.code || provider.login.state !== provider.expectedState) {
  throw new Error(`Bad authorization response: ${JSON.stringify(report.callback)}`);
}
// RFC 9207: the response must come from the authorization server the request went to.
const asMetadata = provider.discovery?.authorizationServerMetadata;
report.authorizationServer = {
  url: provider.discovery?.authorizationServerUrl,
  issuer: asMetadata?.issuer,
  issParameterSupported: asMetadata?.authorization_response_iss_parameter_supported === true,
};
if (report.authorizationServer.issParameterSupported && provider.login.iss !== asMetadata.issuer) {
  throw new Error(`The authorization response names issuer ${provider.login.iss}, not ${asMetadata.issuer}: code discarded`);
}

// 2. The code for tokens (PKCE verifier, resource), then a fresh connection carrying the token.
await transport.finishAuth(provider.login.code);
report.registeredClient = provider.client
  ? { client_id: provider.client.client_id, token_endpoint_auth_method: provider.client.token_endpoint_auth_method, hasSecret: Boolean(provider.client.client_secret) }
  : undefined;
const tokens = provider.tokens();
report.token = {
  token_type: tokens?.token_type,
  scope: tokens?.scope,
  expires_in: tokens?.expires_in,
  hasRefreshToken: Boolean(tokens?.refresh_token),
  claims: claimsOf(tokens?.access_token),
};
await transport.close().catch(() => {});

transport = newTransport();
client = new Client({ name: 'amagasa-interop-ts-oauth', version: '1.0.0' });
await client.connect(transport);
report.protocolVersion = transport.protocolVersion;
report.tools = (await client.listTools()).tools.map((tool) => tool.name);
report.calls = [];
for (const call of JSON.parse(args.calls ?? '[]')) {
  report.calls.push({ name: call.name, result: await client.callTool(call) });
}
await transport.terminateSession().catch(() => {});
await client.close();
report.exchanges = trace;
process.stdout.write(JSON.stringify(report) + '\n');
