package io.amagasa.resource.authentication;

import java.util.Collection;

import io.amagasa.resource.token.Caller;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated MCP caller. It keeps the verified {@link Caller}, not the token: nothing downstream
 * can forward the client's token anywhere (RS-23).
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

	private final Caller caller;

	public CallerAuthentication(Caller caller) {
		super(authorities(caller));
		this.caller = caller;
		setAuthenticated(true);
	}

	private static Collection<GrantedAuthority> authorities(Caller caller) {
		return caller.scopes()
			.stream()
			.map(scope -> (GrantedAuthority) new SimpleGrantedAuthority("SCOPE_" + scope))
			.toList();
	}

	public Caller caller() {
		return this.caller;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.caller;
	}

	@Override
	public String getName() {
		return this.caller.subject();
	}

}
