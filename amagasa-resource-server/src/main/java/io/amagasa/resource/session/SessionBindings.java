package io.amagasa.resource.session;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.amagasa.resource.token.Caller;

/**
 * Which caller each {@code Mcp-Session-Id} belongs to (TR-16, SBP-08): the issuer, subject and client of
 * the token that created the session. A session id is never a credential — every request is
 * authenticated on its own — but a session presented with anyone else's token, or one this server does
 * not know, is treated as not found.
 * <p>
 * Bindings expire after the same idle time as the transport's sessions, and the number kept is bounded.
 * A session whose binding was dropped is refused (fail closed): the client starts a new one.
 */
public final class SessionBindings {

	public enum Ownership {

		/** The session was created by this caller. */
		OWNED,
		/** The session was created by someone else, or is not known. */
		NOT_OWNED

	}

	private final Cache<String, Owner> owners;

	public SessionBindings(Duration idleTimeout, long maxSessions) {
		// Maintenance on the calling thread: Caffeine's default, the common pool, wakes a pool thread every few
		// dozen requests for work that takes microseconds.
		this.owners = Caffeine.newBuilder()
			.expireAfterAccess(idleTimeout)
			.maximumSize(maxSessions)
			.executor(Runnable::run)
			.build();
	}

	public void bind(String sessionId, Caller caller) {
		this.owners.put(sessionId, Owner.of(caller));
	}

	public Ownership ownership(String sessionId, Caller caller) {
		Owner owner = this.owners.getIfPresent(sessionId);
		return Owner.of(caller).equals(owner) ? Ownership.OWNED : Ownership.NOT_OWNED;
	}

	public void unbind(String sessionId) {
		this.owners.invalidate(sessionId);
	}

	private record Owner(String issuer, String subject, String clientId) {

		static Owner of(Caller caller) {
			return new Owner(caller.issuer(), caller.subject(), caller.clientId());
		}

	}

}
