package io.amagasa.resource.authentication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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

	/** {@code SCOPE_<scope>} for each scope, Spring Security's convention; a loop, as it runs on every request. */
	private static Collection<GrantedAuthority> authorities(Caller caller) {
		List<GrantedAuthority> authorities = new ArrayList<>(caller.scopes().size());
		for (String scope : caller.scopes()) {
			authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
		}
		return authorities;
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
