package io.amagasa.authorization.resource;

/** RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. */
public final class ScopeToken {

	private ScopeToken() {
	}

	public static boolean isValid(String scope) {
		return scope != null && !scope.isEmpty()
				&& scope.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
	}

}
