package io.amagasa.authorization.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * A person at a browser: follows an authorization request through the sign-in page and the consent page
 * (with a session cookie and the CSRF token of the form), up to the redirect back to the client. The one
 * place that knows what the login and consent pages look like (today Spring Security's form login and
 * Spring Authorization Server's consent page): adapt it when the pages change.
 */
public final class BrowserLogin {

	private static final Pattern FORM = Pattern.compile("<form[^>]*>.*?</form>", Pattern.DOTALL);

	private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*)\"");

	private static final Pattern INPUT = Pattern.compile("<input[^>]*>");

	private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

	private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private final String username;

	private final String password;

	private boolean approveConsent = true;

	public BrowserLogin(String baseUrl, String username, String password) {
		this.baseUrl = baseUrl;
		this.username = username;
		this.password = password;
	}

	/** The person cancels the consent page instead of approving it. */
	public BrowserLogin denyingConsent() {
		this.approveConsent = false;
		return this;
	}

	/**
	 * Opens the authorization URL and goes on through sign-in and consent.
	 * @return the redirect to the client, or the page the server showed instead
	 */
	public Outcome authorize(String authorizationUrl) {
		HttpResponse<String> response = get(authorizationUrl);
		for (int step = 0; step < 10; step++) {
			int status = response.statusCode();
			if (status == 302 || status == 303) {
				String location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
				if (!location.startsWith(this.baseUrl)) {
					return new Outcome(status, location, response.body());
				}
				response = get(location);
			}
			else if (status == 200 && response.body().contains("name=\"password\"")) {
				Map<String, String> form = fields(response.body());
				form.put("username", this.username);
				form.put("password", this.password);
				response = post(action(response), form);
			}
			else if (status == 200 && response.body().contains("consent_form")) {
				response = post(action(response), consent(response.body()));
			}
			else {
				return new Outcome(status, null, response.body());
			}
		}
		throw new IllegalStateException("The authorization request did not finish in 10 steps");
	}

	private Map<String, String> consent(String page) {
		Map<String, String> form = new LinkedHashMap<>();
		Matcher inputs = INPUT.matcher(page);
		List<String> scopes = new ArrayList<>();
		while (inputs.find()) {
			String input = inputs.group();
			String name = attribute(NAME, input);
			String value = attribute(VALUE, input);
			if ("scope".equals(name) && value != null) {
				scopes.add(value);
			}
			else if (name != null && value != null && input.contains("hidden")) {
				form.put(name, value);
			}
		}
		if (this.approveConsent) {
			// several scope values: the form encoder joins them as repeated parameters
			form.put("scope", String.join(" ", scopes));
		}
		return form;
	}

	private static Map<String, String> fields(String page) {
		Map<String, String> form = new LinkedHashMap<>();
		Matcher inputs = INPUT.matcher(page);
		while (inputs.find()) {
			String name = attribute(NAME, inputs.group());
			String value = attribute(VALUE, inputs.group());
			if (name != null && value != null) {
				form.put(name, value);
			}
		}
		return form;
	}

	private String action(HttpResponse<String> page) {
		Matcher form = FORM.matcher(page.body());
		while (form.find()) {
			if (form.group().contains("name=\"password\"") || form.group().contains("consent_form")) {
				return page.uri().resolve(HtmlUtils.htmlUnescape(attribute(ACTION, form.group()))).toString();
			}
		}
		throw new IllegalStateException("No sign-in or consent form on " + page.uri());
	}

	private static String attribute(Pattern attribute, String tag) {
		Matcher matcher = attribute.matcher(tag);
		return matcher.find() ? HtmlUtils.htmlUnescape(matcher.group(1)) : null;
	}

	private HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build());
	}

	private HttpResponse<String> post(String url, Map<String, String> form) {
		List<String> pairs = new ArrayList<>();
		form.forEach((name, value) -> {
			if (name.equals("scope")) {
				for (String scope : value.split(" ")) {
					if (!scope.isEmpty()) {
						pairs.add("scope=" + Http.encode(scope));
					}
				}
			}
			else {
				pairs.add(Http.encode(name) + "=" + Http.encode(value));
			}
		});
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.browser.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Where the authorization ended.
	 *
	 * @param status the last HTTP status
	 * @param location the redirect to the client, or {@code null} when the server showed a page
	 * @param body the last response body
	 */
	public record Outcome(int status, String location, String body) {

		public boolean redirected() {
			return this.location != null;
		}

		/** The single value of a parameter of the redirect; fails when it appears more than once. */
		public String parameter(String name) {
			List<String> values = Http.query(this.location).get(name);
			if (values == null) {
				return null;
			}
			if (values.size() != 1) {
				throw new AssertionError(name + " appears " + values.size() + " times in " + this.location);
			}
			return values.get(0);
		}

		public Map<String, List<String>> parameters() {
			return Http.query(this.location);
		}

	}

}
