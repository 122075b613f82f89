// Mints an RS256 access token for the benchmarks, with Node's built-in crypto only, and writes
// the matching JWKS. Usage:
//   node mint-token.mjs <issuer> <audience> <jwks-out-file> [scope] [lifetime-seconds]
// Prints the token (header.payload.signature) on stdout.
import { generateKeyPairSync, sign, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const [issuer, audience, jwksOut, scope = 'weather.read', lifetime = '3600'] = process.argv.slice(2);
if (!issuer || !audience || !jwksOut) {
	console.error('usage: node mint-token.mjs <issuer> <audience> <jwks-out-file> [scope] [lifetime-seconds]');
	process.exit(2);
}

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = 'bench-' + randomUUID().slice(0, 8);
writeFileSync(jwksOut, JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] }));

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const header = { alg: 'RS256', typ: 'at+jwt', kid };
const payload = {
	iss: issuer, aud: audience, sub: 'bench-user', client_id: 'bench-client', scope,
	iat: now, nbf: now, exp: now + Number(lifetime), jti: randomUUID(),
};
const signingInput = b64url(header) + '.' + b64url(payload);
const signature = sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url');
process.stdout.write(signingInput + '.' + signature + '\n');
