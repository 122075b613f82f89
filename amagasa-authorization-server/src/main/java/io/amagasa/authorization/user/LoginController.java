package io.amagasa.authorization.user;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. Form login posts it back to the same path; the page shows one message for any
 * wrong username or password ({@code ?error}), the lockout ({@code ?locked}) and signed-out
 * ({@code ?logout}).
 */
@Controller
final class LoginController {

	private final long lockoutMinutes;

	LoginController(UsersProperties properties) {
		this.lockoutMinutes = Math.max(1, properties.loginThrottle().lockout().toMinutes());
	}

	@GetMapping(UserLoginConfiguration.LOGIN_PAGE)
	String login(Model model) {
		model.addAttribute("lockoutMinutes", this.lockoutMinutes);
		return "amagasa/login";
	}

}
