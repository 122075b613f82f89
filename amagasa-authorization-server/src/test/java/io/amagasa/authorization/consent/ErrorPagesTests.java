package io.amagasa.authorization.consent;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPagesTests {

	private final ErrorPages pages = new ErrorPages();

	@Test
	void showsAStatusAndASentenceButNothingOfTheException() {
		ModelAndView page = this.pages.resolveErrorView(new MockHttpServletRequest(), HttpStatus.INTERNAL_SERVER_ERROR,
				Map.of("message", "secret detail", "trace", "at org.example.Secret", "exception", "SecretException"));
		assertThat(page.getViewName()).isEqualTo("amagasa/error");
		assertThat(page.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(page.getModel()).containsEntry("title", "Something went wrong")
			.containsEntry("status", 500)
			.doesNotContainKeys("trace", "exception")
			.doesNotContainValue("secret detail");
	}

	@Test
	void aRefusedAuthorizationRequestShowsItsOAuthErrorAndSaysThePersonWasNotSentBack() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(ErrorPages.OAUTH2_ERROR, new OAuth2Error("invalid_request", "OAuth 2.0 Parameter: redirect_uri", null));
		ModelAndView page = this.pages.resolveErrorView(request, HttpStatus.BAD_REQUEST, Map.of());
		assertThat(page.getModel()).containsEntry("title", "Authorization request refused")
			.containsEntry("errorCode", "invalid_request")
			.containsEntry("errorDescription", "OAuth 2.0 Parameter: redirect_uri");
		assertThat((String) page.getModel().get("message")).contains("you were not sent back to it");
	}

}
