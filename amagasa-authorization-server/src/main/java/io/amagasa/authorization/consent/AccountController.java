package io.amagasa.authorization.consent;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account page: who is signed in, which apps they allowed and with which scopes, a button per app to
 * take that back, and sign-out. Its forms post with the CSRF token; a post without it is refused (403).
 */
@Controller
final class AccountController {

	private final RememberedConsents consents;

	AccountController(RememberedConsents consents) {
		this.consents = consents;
	}

	@GetMapping(ConsentConfiguration.ACCOUNT_PAGE)
	String account(Authentication user, Model model) {
		model.addAttribute("username", user.getName());
		model.addAttribute("consents", this.consents.of(user.getName()));
		return "amagasa/account";
	}

	/** Post, redirect, get: a reload of the page does not post again. */
	@PostMapping(ConsentConfiguration.REVOKE)
	String revoke(@RequestParam("client") String registeredClientId, Authentication user) {
		this.consents.revoke(user.getName(), registeredClientId);
		return "redirect:" + ConsentConfiguration.ACCOUNT_PAGE + "?revoked";
	}

}
