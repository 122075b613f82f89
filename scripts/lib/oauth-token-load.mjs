// Load generator for the embedded authorization server's token endpoint (scripts/bench-token-endpoint.sh),
// with Node's built-in modules only (fetch for the browser-like steps, node:http for token requests). One run:
//   1. logs in once (GET /oauth2/authorize -> /login form with _csrf -> POST /login -> back to authorize)
//      and, on that session, collects N authorization codes, each with its own PKCE S256 pair;
//   2. exchanges them at /oauth2/token with W concurrent workers, as fast as they go (measured), after
//      exchanging --code-warmup more the same way (not measured: the token endpoint's first requests in a
//      fresh JVM pay for class loading and JIT compilation);
//   3. gives each of the W workers its own refresh-token chain (from step 2) and refreshes in a loop:
//      a warm-up (not counted: with --jit-quiet N, first 2 workers in 10 s rounds until the server's JIT
//      compiler, read with jcmd, compiles fewer than N methods in a round, then --warmup seconds with all
//      workers), then the measured period. A chain that fails is replaced by a spare one,
//      so one error does not stop a worker; every error is counted and the first few are printed.
// Step 2 keeps one access token whose refresh token is never used: written to --token-out, for wrk.
//
// Usage: node oauth-token-load.mjs --base http://127.0.0.1:PORT --resource http://localhost:PORT/mcp
//          [--issuer URL] [--client-id bench] [--redirect-uri http://127.0.0.1:9/callback] [--scope weather.read]
//          [--username admin] [--codes 1500] [--code-warmup 0] [--workers 8] [--collectors 2] [--warmup 3]
//          [--seconds 10] [--jit-quiet 0] [--warmup-max 300]
//          [--token-out FILE] [--server-pid PID] [--clk-tck 100]
// The password comes from the environment variable BENCH_PASSWORD (kept off the command line).
// Output: one machine-readable line per phase on stdout,
//   RESULT phase=authorize|code|refresh requests=... errors=... seconds=... rps=... p50_us=... p90_us=...
//          p99_us=... max_us=... server_cpu_ms=... client_cpu_ms=...
// server_cpu_ms / client_cpu_ms: CPU time (user + system) per successful request, of the server (from
// /proc/PID/stat, with --server-pid) and of this load generator, over the phase's measured period: what
// a request costs whatever else runs on the machine. busy_pct: how busy all cores were (from /proc/stat,
// 100 = every core, whoever used it); server_pct: the share of all cores the server used.
// Exit status 1 when the flow itself fails (login, no code, ...); errors under load are only counted.
import { execFileSync } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

const options = {
	base: '', resource: '', issuer: '', 'client-id': 'bench', 'redirect-uri': 'http://127.0.0.1:9/callback',
	scope: 'weather.read', username: 'admin', codes: '1500', 'code-warmup': '0', workers: '8', collectors: '2', warmup: '3',
	seconds: '10', 'token-out': '', 'server-pid': '', 'clk-tck': '100', 'jit-quiet': '0', 'warmup-max': '300',
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
	const key = argv[i].replace(/^--/, '');
	if (!(key in options) || argv[i + 1] === undefined) {
		console.error(`unknown or incomplete option ${argv[i]}`);
		process.exit(2);
	}
	options[key] = argv[i + 1];
}
const base = options.base.replace(/\/$/, '');
const password = process.env.BENCH_PASSWORD;
if (!base || !options.resource || !password) {
	console.error('usage: BENCH_PASSWORD=... node oauth-token-load.mjs --base URL --resource URL [options]');
	process.exit(2);
}
const issuer = options.issuer || new URL(options.resource).origin;
const clientId = options['client-id'];
const redirectUri = options['redirect-uri'];
const measuredCodes = Number(options.codes);
const warmupCodes = Number(options['code-warmup']);
const codeCount = measuredCodes + warmupCodes;
const workers = Number(options.workers);
const collectors = Number(options.collectors);
const warmupMs = Number(options.warmup) * 1000;
const measureMs = Number(options.seconds) * 1000;
const REQUEST_TIMEOUT_MS = 15000;
const MAX_PRINTED_ERRORS = 5;

function fail(message) {
	console.error(`ERROR: ${message}`);
	process.exit(1);
}

// --- HTTP ----------------------------------------------------------------------------------------------

let cookie = '';

/** A request to the server, redirects not followed; keeps the session cookie. */
async function request(pathOrUrl, init = {}) {
	const url = new URL(pathOrUrl, base);
	// Locations name the issuer's host (localhost): always talk to the address given in --base
	const target = base + url.pathname + url.search;
	const headers = { ...(init.headers || {}) };
	if (init.session) headers.Cookie = cookie;
	const response = await fetch(target, {
		method: init.method || 'GET', headers, body: init.body, redirect: 'manual',
		signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
	});
	if (init.session) {
		for (const setCookie of response.headers.getSetCookie()) {
			const pair = setCookie.split(';')[0];
			if (pair.startsWith('JSESSIONID=')) cookie = pair;
		}
	}
	return response;
}

function form(fields) {
	return {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams(fields).toString(),
	};
}

// --- the authorization request -----------------------------------------------------------------------

function pkce() {
	const verifier = randomBytes(48).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizePath(state, challenge) {
	return '/oauth2/authorize?' + new URLSearchParams({
		response_type: 'code', client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge,
		code_challenge_method: 'S256', state, resource: options.resource, scope: options.scope,
	});
}

/** The code from a redirect to the client, checked against RFC 9207 iss and the state sent. */
function codeFrom(response, state) {
	const location = response.headers.get('location') || '';
	if (response.status !== 302 || !location.startsWith(redirectUri + '?')) {
		throw new Error(`authorize answered ${response.status} ${location.slice(0, 120)}`);
	}
	const query = new URL(location).searchParams;
	if (query.get('error')) throw new Error(`authorize error ${query.get('error')}: ${query.get('error_description')}`);
	if (query.get('state') !== state) throw new Error('authorize returned another state');
	if (query.get('iss') !== issuer) throw new Error(`authorize returned iss ${query.get('iss')}, expected ${issuer}`);
	const code = query.get('code');
	if (!code) throw new Error('authorize returned no code');
	return code;
}

async function login() {
	const first = pkce();
	let response = await request(authorizePath('login', first.challenge), { session: true });
	await response.arrayBuffer();
	const toLogin = response.headers.get('location') || '';
	if (response.status !== 302 || new URL(toLogin, base).pathname !== '/login') {
		fail(`an unauthenticated authorization request answered ${response.status} ${toLogin}, expected a redirect to /login`);
	}
	response = await request(toLogin, { session: true });
	const page = await response.text();
	const csrf = /name="_csrf"\s+value="([^"]+)"/.exec(page)?.[1];
	if (response.status !== 200 || !csrf || !/name="username"/.test(page) || !/name="password"/.test(page)) {
		fail(`GET /login answered ${response.status} without the expected form`);
	}
	response = await request('/login', { ...form({ username: options.username, password, _csrf: csrf }), session: true });
	await response.arrayBuffer();
	const back = response.headers.get('location') || '';
	if (response.status !== 302 || new URL(back, base).pathname !== '/oauth2/authorize') {
		fail(`POST /login answered ${response.status} ${back}: wrong password, or a consent/other page in the way`);
	}
	// the saved authorization request, now authenticated: consent is off, so straight back with a code
	response = await request(back, { session: true });
	await response.arrayBuffer();
	try {
		return { code: codeFrom(response, 'login'), verifier: first.verifier };
	}
	catch (error) {
		fail(`after the login: ${error.message}`);
	}
}

// --- CPU time ----------------------------------------------------------------------------------------

/** CPU time so far (ms, user + system) of the server and of this process; the machine's jiffies. */
function cpuNow() {
	// cpu  user nice system idle iowait irq softirq steal ...
	const machine = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
	const total = machine.reduce((a, b) => a + b, 0);
	const idle = machine[3] + machine[4] + machine[7]; // idle, iowait, and steal (taken by the hypervisor)
	let server = NaN;
	if (options['server-pid']) {
		try {
			// the fields after the command name, which is in parentheses and may contain spaces
			const stat = readFileSync(`/proc/${options['server-pid']}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			server = ((Number(fields[11]) + Number(fields[12])) * 1000) / Number(options['clk-tck']);
		}
		catch {
			// the server is gone: NaN
		}
	}
	const own = process.cpuUsage();
	return { server, client: (own.user + own.system) / 1000, total, idle, wall: performance.now() };
}

function cpuSince(before, requests) {
	const after = cpuNow();
	const per = (key) => (requests ? ((after[key] - before[key]) / requests).toFixed(2) : 'NaN');
	const jiffies = after.total - before.total;
	const busy = jiffies ? (100 * (jiffies - (after.idle - before.idle))) / jiffies : NaN;
	const cores = availableParallelism();
	const serverPct = (100 * (after.server - before.server)) / ((after.wall - before.wall) * cores);
	return `server_cpu_ms=${per('server')} client_cpu_ms=${per('client')} busy_pct=${busy.toFixed(0)} `
		+ `server_pct=${serverPct.toFixed(0)}`;
}

// --- measuring -----------------------------------------------------------------------------------------

class Stats {
	constructor() {
		this.latenciesUs = [];
		this.errors = 0;
		this.printed = 0;
	}

	ok(startMs, endMs = performance.now()) {
		this.latenciesUs.push(Math.round((endMs - startMs) * 1000));
	}

	error(phase, message) {
		this.errors++;
		if (this.printed++ < MAX_PRINTED_ERRORS) console.error(`  ${phase} error: ${message}`);
	}

	result(phase, seconds) {
		const sorted = Float64Array.from(this.latenciesUs).sort();
		const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : 0);
		const requests = sorted.length + this.errors;
		return `RESULT phase=${phase} requests=${requests} ok=${sorted.length} errors=${this.errors} `
			+ `seconds=${seconds.toFixed(2)} rps=${(sorted.length / seconds).toFixed(1)} p50_us=${at(0.5)} `
			+ `p90_us=${at(0.9)} p99_us=${at(0.99)} max_us=${sorted.length ? sorted[sorted.length - 1] : 0}`;
	}
}

// Token requests, the measured ones, go through node:http with a keep-alive agent rather than fetch: on
// these shared cores every millisecond the load generator spends is taken from the server, and fetch
// (undici) spent about 1.2 ms of CPU per token request.
const tokenAgent = new Agent({ keepAlive: true, maxSockets: Math.max(workers, collectors) });

/** POST a form to the server; resolves with the status and the body text. */
function postForm(path, fields) {
	const body = new URLSearchParams(fields).toString();
	const url = new URL(path, base);
	return new Promise((resolve, reject) => {
		const outgoing = httpRequest({
			host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: tokenAgent,
			timeout: REQUEST_TIMEOUT_MS,
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json',
				'Content-Length': Buffer.byteLength(body),
			},
		}, (incoming) => {
			const chunks = [];
			incoming.on('data', (chunk) => chunks.push(chunk));
			incoming.on('end', () => resolve({ status: incoming.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
			incoming.on('error', reject);
		});
		outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/** POST /oauth2/token; returns the parsed token response or throws with what came back instead. */
async function token(fields) {
	const response = await postForm('/oauth2/token', fields);
	let body;
	try {
		body = JSON.parse(response.text);
	}
	catch {
		throw new Error(`HTTP ${response.status}, not JSON: ${response.text.slice(0, 160)}`);
	}
	if (response.status !== 200 || !body.access_token || !body.refresh_token || body.token_type !== 'Bearer') {
		throw new Error(`HTTP ${response.status} ${response.text.slice(0, 200)}`);
	}
	return body;
}

async function inParallel(count, work) {
	await Promise.all(Array.from({ length: count }, (_, worker) => work(worker)));
}

// --- 1. codes --------------------------------------------------------------------------------------------

const loggedIn = await login();
const grants = [loggedIn];
const collect = new Stats();
const collectStart = performance.now();
const collectCpu = cpuNow();
let pending = 0; // requests in flight, so that the collectors stop at exactly codeCount codes
let nextState = 0;
await inParallel(collectors, async () => {
	while (grants.length + pending < codeCount && nextState < codeCount * 2) {
		const state = `s${nextState++}`;
		const pair = pkce();
		const start = performance.now();
		pending++;
		try {
			const response = await request(authorizePath(state, pair.challenge), { session: true });
			await response.arrayBuffer();
			grants.push({ code: codeFrom(response, state), verifier: pair.verifier });
			collect.ok(start);
		}
		catch (error) {
			collect.error('authorize', error.message);
		}
		finally {
			pending--;
		}
	}
});
console.log(collect.result('authorize', (performance.now() - collectStart) / 1000) + ' '
	+ cpuSince(collectCpu, collect.latenciesUs.length));
if (grants.length < codeCount) fail(`only ${grants.length} of ${codeCount} codes collected`);

// --- 2. code exchange --------------------------------------------------------------------------------------

/** Exchanges the codes with W workers, every code once; the token responses go into `issued`. */
async function exchangeAll(codes, stats, issued) {
	let next = 0;
	await inParallel(workers, async () => {
		while (next < codes.length) {
			const grant = codes[next++];
			const start = performance.now();
			try {
				issued.push(await token({
					grant_type: 'authorization_code', code: grant.code, redirect_uri: redirectUri, client_id: clientId,
					code_verifier: grant.verifier, resource: options.resource,
				}));
				stats.ok(start);
			}
			catch (error) {
				stats.error('authorization_code', error.message);
			}
		}
	});
}

const issued = [];
if (warmupCodes > 0) {
	const warmup = new Stats();
	await exchangeAll(grants.slice(0, warmupCodes), warmup, issued);
	if (warmup.errors) console.error(`  (${warmup.errors} errors among the ${warmupCodes} warm-up code exchanges)`);
}
const exchange = new Stats();
const exchangeStart = performance.now();
const exchangeCpu = cpuNow();
await exchangeAll(grants.slice(warmupCodes), exchange, issued);
console.log(exchange.result('code', (performance.now() - exchangeStart) / 1000) + ' '
	+ cpuSince(exchangeCpu, exchange.latenciesUs.length));
if (issued.length < workers + 2) fail(`only ${issued.length} code exchanges succeeded`);
if (options['token-out']) writeFileSync(options['token-out'], issued.pop().access_token + '\n', { mode: 0o600 });

// --- 3. refresh chains -------------------------------------------------------------------------------------

/** Methods the server's JIT compilers have compiled so far (jcmd), or null without --server-pid. */
function jitCompiles() {
	if (!options['server-pid']) return null;
	const counters = execFileSync('jcmd', [options['server-pid'], 'PerfCounter.print'], { encoding: 'utf8' });
	const match = /^sun\.ci\.totalCompiles=(\d+)$/m.exec(counters);
	if (!match) fail('jcmd printed no sun.ci.totalCompiles');
	return Number(match[1]);
}

const refresh = new Stats();
const spares = issued.slice(workers).map((grant) => grant.refresh_token);
const chains = issued.slice(0, workers).map((grant) => grant.refresh_token);
let warmupErrors = 0;
let rotations = 0;

/**
 * Workers 0..count-1 each rotate their own chain until `until`; a completion inside [from, until] is
 * measured, an error before `from` only counted. A failed chain is replaced by a spare.
 */
async function refreshChains(count, from, until) {
	await inParallel(count, async (worker) => {
		while (performance.now() < until) {
			const start = performance.now();
			try {
				const current = chains[worker];
				const body = await token({ grant_type: 'refresh_token', refresh_token: current, client_id: clientId });
				if (body.refresh_token === current) throw new Error('the refresh token was not rotated');
				chains[worker] = body.refresh_token;
				rotations++;
				const end = performance.now();
				if (end >= from && end <= until) refresh.ok(start, end);
			}
			catch (error) {
				if (performance.now() >= from) refresh.error('refresh_token', error.message);
				else if (warmupErrors++ < MAX_PRINTED_ERRORS) console.error(`  refresh_token warm-up error: ${error.message}`);
				chains[worker] = spares.pop();
				if (!chains[worker]) fail('no spare refresh-token chain left');
			}
		}
	});
}

// Warm-up, first until the server's JIT compiler is quiet (with --jit-quiet): on 2 cores, every worker
// busy starves the compiler, and a fixed warm-up measured compilation rather than the token endpoint.
// So 2 workers, which leave the compiler most of a core, in 10 s rounds until a round compiles fewer
// than --jit-quiet methods (at most --warmup-max seconds); then --warmup seconds with every worker.
const jitQuiet = Number(options['jit-quiet']);
let jitWarmupS = 0;
let jitLastRound = null;
if (jitQuiet > 0) {
	let before = jitCompiles();
	if (before === null) fail('--jit-quiet needs --server-pid');
	while (jitWarmupS < Number(options['warmup-max'])) {
		const now = performance.now();
		await refreshChains(Math.min(2, workers), Infinity, now + 10000);
		jitWarmupS += 10;
		const after = jitCompiles();
		jitLastRound = after - before;
		before = after;
		if (jitLastRound < jitQuiet) break;
	}
}
const started = performance.now();
const measureFrom = started + warmupMs;
const until = measureFrom + measureMs;
let refreshCpu;
let refreshCpuResult = '';
setTimeout(() => { refreshCpu = cpuNow(); }, warmupMs);
setTimeout(() => { refreshCpuResult = cpuSince(refreshCpu, refresh.latenciesUs.length); }, warmupMs + measureMs);
await refreshChains(workers, measureFrom, until);
if (!refreshCpuResult) await new Promise((resolve) => { setTimeout(resolve, 50); }); // its timer comes first
console.log(refresh.result('refresh', measureMs / 1000) + ` warmup_errors=${warmupErrors} rotations=${rotations} `
	+ `jit_warmup_s=${jitWarmupS} jit_last_round=${jitLastRound ?? '-'} ` + refreshCpuResult);
