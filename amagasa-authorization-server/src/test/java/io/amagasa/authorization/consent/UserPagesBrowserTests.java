package io.amagasa.authorization.consent;

import com.sun.net.httpserver.HttpServer;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.OAuthClient;
import io.amagasa.authorization.testing.Pkce;
import io.amagasa.authorization.testing.TestServer;
import io.amagasa.authorization.user.UserAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page a person sees, in a real headless Chromium 360 pixels wide, against the embedded
 * authorization server with its real authorization endpoint: sign-in, consent (approve, deny, a
 * loopback client and a metadata-document client), the account page, the error page, the CSRF
 * protection and the security headers. Each page is saved as {@code target/screenshots/<name>.png}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UserPagesBrowserTests {

	private static final String PASSWORD = "correct-horse-battery";

	private static final String CLI_CLIENT = "cli-app";

	/** A Client ID Metadata Document client, its document served on loopback (the dev switch allows it). */
	private static final HttpServer DOCUMENTS = metadataDocuments();

	private static final String WEB_CLIENT = "http://localhost:" + DOCUMENTS.getAddress().getPort()
			+ "/oauth/client.json";

	private static final String WEB_CALLBACK = "https://app.example.test/callback";

	private static final String LOCALHOST_WARNING = "Warning: this app will receive the authorization on this computer "
			+ "(localhost). Only approve if you started it yourself.";

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@TempDir
	static Path profile;

	private static CallbackReceiver client;

	private static TestServer server;

	private static ChromeDriver browser;

	@BeforeAll
	static void start() {
		client = new CallbackReceiver();
		server = TestServer.start(UserPagesTestApplication.class, UserPagesBrowserTests::settings);
		UserAccounts accounts = server.context().getBean(UserAccounts.class);
		for (String user : List.of("alice", "bob", "carol", "dave", "erin")) {
			accounts.add(user, PASSWORD);
		}
		DOCUMENTS.createContext("/oauth/client.json", exchange -> {
			byte[] body = ("{\"client_id\":\"" + WEB_CLIENT + "\",\"client_name\":\"Example Web App\",\"redirect_uris\":[\""
					+ WEB_CALLBACK + "\"],\"scope\":\"weather.read\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		DOCUMENTS.start();
		browser = Chromium.start(profile);
	}

	private static HttpServer metadataDocuments() {
		try {
			return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> settings(int port) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("amagasa.authorization-server.clients.cimd.allow-loopback", "true");
		settings.put("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		settings.put("amagasa.authorization-server.users.admin-password", "admin-password-for-tests");
		settings.put("amagasa.authorization-server.resources[0].uri", "http://localhost:" + port + "/mcp");
		settings.put("amagasa.authorization-server.resources[0].name", "Weather");
		settings.put("amagasa.authorization-server.resources[0].scopes", "weather.read,weather.alerts");
		settings.put("amagasa.authorization-server.registered-clients[0].client-id", CLI_CLIENT);
		settings.put("amagasa.authorization-server.registered-clients[0].client-name", "Weather CLI");
		settings.put("amagasa.authorization-server.registered-clients[0].redirect-uris", "http://127.0.0.1/callback");
		settings.put("amagasa.authorization-server.users.consent.scope-descriptions[weather.read]",
				"Read weather forecasts and alerts");
		return settings;
	}

	@AfterAll
	static void stop() {
		DOCUMENTS.stop(0);
		if (browser != null) {
			browser.quit();
		}
		if (server != null) {
			server.close();
		}
		if (client != null) {
			client.close();
		}
	}

	@BeforeEach
	void signedOut() {
		browser.get(server.baseUrl() + "/login");
		browser.manage().deleteAllCookies();
	}

	@Test
	void signInRefusesAWrongPasswordAndAnUnknownNameAlike(CapturedOutput log) {
		browser.get(server.baseUrl() + "/login");
		assertThat(browser.getTitle()).isEqualTo("Sign in · Amagasa");
		assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("Username");
		assertThat(browser.findElement(By.cssSelector("label[for=password]")).getText()).isEqualTo("Password");
		phoneScreenshot("login");

		signIn("alice", "wrong-password-one");
		assertThat(browser.getCurrentUrl()).isEqualTo(server.baseUrl() + "/login?error");
		assertThat(alert()).isEqualTo("The username or password is incorrect.");
		String wrongPasswordPage = browser.findElement(By.tagName("main")).getText();
		phoneScreenshot("login-error");

		signIn("nobody", "wrong-password-two");
		assertThat(browser.findElement(By.tagName("main")).getText()).isEqualTo(wrongPasswordPage);

		signIn("alice", PASSWORD);
		assertThat(browser.getCurrentUrl()).isEqualTo(server.baseUrl() + "/account");
		assertThat(log.getAll())
			.contains("event=login outcome=failure reason=bad_credentials username=alice remote_address=127.0.0.1",
					"event=login outcome=failure reason=bad_credentials username=- remote_address=127.0.0.1",
					"event=login outcome=success username=alice remote_address=127.0.0.1")
			.doesNotContain("wrong-password-one", "wrong-password-two", "nobody", PASSWORD);
	}

	@Test
	void fiveWrongPasswordsLockTheNameOutEvenForTheRightOne(CapturedOutput log) {
		browser.get(server.baseUrl() + "/login");
		for (int i = 1; i <= 5; i++) {
			signIn("carol", "wrong-password-" + i);
			assertThat(alert()).isEqualTo("The username or password is incorrect.");
		}
		signIn("carol", PASSWORD);
		assertThat(browser.getCurrentUrl()).isEqualTo(server.baseUrl() + "/login?locked");
		assertThat(alert()).isEqualTo("Too many failed attempts. Try again in 15 minutes.");
		phoneScreenshot("login-locked");
		assertThat(log.getAll()).contains("event=login outcome=failure reason=locked_out username=carol");
	}

	@Test
	void approvingSendsTheCodeToTheClientAndTheAccountPageRevokesIt(CapturedOutput log) {
		Pkce pkce = Pkce.generate();
		String state = UUID.randomUUID().toString();
		browser.get(authorizationUrl(CLI_CLIENT, client.redirectUri(), "weather.read offline_access", pkce, state));
		signIn("dave", PASSWORD);

		assertThat(browser.getCurrentUrl()).startsWith(server.baseUrl() + "/consent?");
		assertThat(browser.getTitle()).isEqualTo("Allow access? · Amagasa");
		assertThat(text("h1")).isEqualTo("Weather CLI wants access to your account");
		assertThat(alert()).isEqualTo(LOCALHOST_WARNING);
		assertThat(facts()).containsEntry("App", "Weather CLI (registered by the administrator)")
			.containsEntry("Sends the authorization to", "127.0.0.1")
			.containsEntry("For the MCP server", "Weather http://localhost:" + server.port() + "/mcp")
			.doesNotContainKey("Published by");
		assertThat(scopes()).containsExactly("Keep access when you are not using the app, until you remove it here offline_access",
				"Read weather forecasts and alerts weather.read");
		phoneScreenshot("consent-localhost");

		browser.findElement(By.id("approve")).click();
		Map<String, List<String>> response = awaitRedirectTo(client.redirectUri());
		assertThat(response).doesNotContainKey("error").containsEntry("state", List.of(state))
			.containsEntry("iss", List.of(server.baseUrl()));
		OAuthClient cli = OAuthClient.publicClient(server.baseUrl(), CLI_CLIENT, client.redirectUri());
		HttpResponse<String> tokens = cli.exchange(response.get("code").get(0), pkce.verifier(), Map.of());
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		String refreshToken = (String) Http.json(tokens).get("refresh_token");
		assertThat(log.getAll()).contains(
				"event=consent outcome=granted sub=dave client_id=cli-app scope=\"offline_access weather.read\"");

		// Remembered: after signing in again, the login form's post leads straight back to the client.
		signOut();
		browser.get(authorizationUrl(CLI_CLIENT, client.redirectUri(), "weather.read offline_access", Pkce.generate(),
				"second"));
		signIn("dave", PASSWORD);
		assertThat(awaitRedirectTo(client.redirectUri())).containsKey("code").containsEntry("state", List.of("second"));

		browser.get(server.baseUrl() + "/account");
		assertThat(text("h1")).isEqualTo("Your account");
		assertThat(text(".consents")).contains("Weather CLI", "Read weather forecasts and alerts", "offline_access");
		phoneScreenshot("account");
		clickAndWait(browser.findElement(By.cssSelector(".consents button")));
		assertThat(browser.getCurrentUrl()).isEqualTo(server.baseUrl() + "/account?revoked");
		assertThat(text("main")).contains("The app's access was removed.", "No app has access to your account.");
		phoneScreenshot("account-revoked");

		HttpResponse<String> refresh = cli.refresh(refreshToken, Map.of());
		assertThat(refresh.statusCode()).isEqualTo(400);
		assertThat(Http.json(refresh)).containsEntry("error", "invalid_grant");
		assertThat(log.getAll()).contains("event=consent outcome=revoked sub=dave client_id=cli-app authorizations_revoked=2");
	}

	@Test
	void denyingSendsAccessDeniedEvenWhenSomeScopesWereApprovedBefore(CapturedOutput log) {
		browser.get(authorizationUrl(CLI_CLIENT, client.redirectUri(), "weather.read", Pkce.generate(), "first"));
		signIn("bob", PASSWORD);
		browser.findElement(By.id("approve")).click();
		assertThat(awaitRedirectTo(client.redirectUri())).containsKey("code");

		browser.get(authorizationUrl(CLI_CLIENT, client.redirectUri(), "weather.read weather.alerts", Pkce.generate(),
				"more"));
		assertThat(scopes()).containsExactly("weather.alerts",
				"Read weather forecasts and alerts weather.read allowed before");
		browser.findElement(By.id("deny")).click();
		Map<String, List<String>> response = awaitRedirectTo(client.redirectUri());
		assertThat(response).doesNotContainKey("code")
			.containsEntry("error", List.of("access_denied"))
			.containsEntry("state", List.of("more"));
		assertThat(log.getAll()).contains("event=consent outcome=denied sub=bob client_id=cli-app reason=denied_by_user");

		browser.get(server.baseUrl() + "/account");
		assertThat(text("main")).contains("No app has access to your account.");
	}

	@Test
	void aMetadataDocumentClientShowsItsHostAndNoLocalhostWarning() {
		browser.get(authorizationUrl(WEB_CLIENT, WEB_CALLBACK, "weather.read", Pkce.generate(), "web"));
		signIn("erin", PASSWORD);

		assertThat(text("h1")).isEqualTo("Example Web App wants access to your account");
		assertThat(browser.findElements(By.cssSelector("[role=alert]"))).isEmpty();
		assertThat(facts()).containsEntry("App", "Example Web App (name given by the app itself)")
			.containsEntry("Published by", "localhost (where this app's identity document lives)")
			.containsEntry("Sends the authorization to", "app.example.test");
		phoneScreenshot("consent-metadata-document");

		// The page's form-action names the client's https origin, so Chromium follows the redirect there
		// (the host does not exist: the browser ends on its own error page, at the client's URL).
		browser.findElement(By.id("approve")).click();
		Map<String, List<String>> response = awaitRedirectTo(WEB_CALLBACK);
		assertThat(response).containsKey("code").containsEntry("state", List.of("web"));
	}

	@Test
	void formPostsWithoutTheCsrfTokenAreRefused() throws Exception {
		browser.get(server.baseUrl() + "/login");
		signIn("alice", PASSWORD);
		HttpClient signedIn = HttpClient.newBuilder().cookieHandler(sessionOf(browser)).build();

		for (String path : List.of("/account/consents/revoke", "/logout")) {
			HttpResponse<String> refused = signedIn.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString("client=browser-test-registration"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).as(path).isEqualTo(403);
			assertThat(refused.body()).contains("<h1>Not allowed</h1>").doesNotContain("Exception", "at org.");
		}
		HttpResponse<String> signInWithoutToken = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=alice&password=" + PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signInWithoutToken.statusCode()).isEqualTo(403);
	}

	@Test
	void errorsShowACleanPageAndNeverRedirectToAnUnvalidatedClient() {
		browser.get(server.baseUrl() + "/login");
		signIn("alice", PASSWORD);
		browser.get(server.baseUrl() + "/consent?client_id=cli-app&scope=weather.read&state=forged");
		assertThat(text("h1")).isEqualTo("This request cannot be completed");
		assertThat(text("main")).contains("This approval request has expired or is not yours.", "HTTP 400");
		phoneScreenshot("error");

		browser.get(server.baseUrl() + "/oauth2/authorize?response_type=code&client_id=unknown-client"
				+ "&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&state=s");
		assertThat(browser.getCurrentUrl()).startsWith(server.baseUrl());
		assertThat(browser.getPageSource()).contains("Authorization request refused")
			.doesNotContain("Exception", "at org.", "evil.example/cb?");
		// the authorization endpoint's own page (not the shared error view yet): no width check
		Chromium.screenshot(browser, "error-authorization");

		browser.get(server.baseUrl() + "/account/nothing-here");
		assertThat(text("h1")).isEqualTo("Page not found");
		assertThat(browser.getPageSource()).doesNotContain("Exception", "at org.");
	}

	@Test
	void pagesSendTheirSecurityHeadersAndLoadNothingFromElsewhere() throws Exception {
		HttpResponse<String> login = Http.get(server.baseUrl() + "/login");
		assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; style-src 'self'; "
				+ "img-src 'self' data: https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
		assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(login.body()).doesNotContain("<script", "http://", "https://")
			.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
					"href=\"/amagasa/amagasa.css\"");
		assertThat(Http.get(server.baseUrl() + "/amagasa/amagasa.css").statusCode()).isEqualTo(200);

		// A person sent to sign in by an authorization request: the login form may lead on to that client.
		HttpClient person = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		String authorization = authorizationUrl(CLI_CLIENT, client.redirectUri(), "weather.read", Pkce.generate(), "h");
		HttpResponse<String> pendingLogin = person.send(HttpRequest.newBuilder(URI.create(authorization)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(pendingLogin.uri().getPath()).isEqualTo("/login");
		assertThat(pendingLogin.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("; form-action 'self' http://127.0.0.1:*; frame-ancestors 'none'");

		// Signed in, the consent page's forms may lead to this request's redirect URI only.
		Matcher csrf = CSRF_FIELD.matcher(pendingLogin.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> consent = person.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					Http.form(Map.of("username", "alice", "password", PASSWORD, "_csrf", csrf.group(1)))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(consent.uri().getPath()).isEqualTo("/consent");
		URI redirect = URI.create(client.redirectUri());
		assertThat(consent.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("; form-action 'self' http://127.0.0.1:" + redirect.getPort() + "; frame-ancestors 'none'");
		assertThat(consent.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(consent.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(consent.body()).doesNotContain("<script");
	}

	private static String authorizationUrl(String clientId, String redirectUri, String scope, Pkce pkce, String state) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", clientId);
		parameters.put("redirect_uri", redirectUri);
		parameters.put("scope", scope);
		parameters.put("state", state);
		parameters.put("code_challenge", pkce.challenge());
		parameters.put("code_challenge_method", "S256");
		parameters.put("resource", server.baseUrl() + "/mcp");
		return Http.url(server.baseUrl() + "/oauth2/authorize", parameters);
	}

	private static void signIn(String username, String password) {
		WebElement name = browser.findElement(By.id("username"));
		name.clear();
		name.sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		clickAndWait(browser.findElement(By.cssSelector("form button[type=submit]")));
	}

	/**
	 * Clicks a form's button and waits until the browser has left the page. While the old document is being
	 * replaced, chromedriver may answer for the button with "Node with given id does not belong to the
	 * document" rather than a stale-element error: both mean the page was left.
	 */
	private static void clickAndWait(WebElement button) {
		button.click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
			try {
				button.isEnabled();
				return false;
			}
			catch (StaleElementReferenceException left) {
				return true;
			}
			catch (WebDriverException ex) {
				if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
					return true;
				}
				throw ex;
			}
		});
	}

	private static void signOut() {
		browser.get(server.baseUrl() + "/account");
		clickAndWait(browser.findElement(By.cssSelector(".signout button")));
		assertThat(browser.getCurrentUrl()).isEqualTo(server.baseUrl() + "/login?logout");
		assertThat(text("[role=status]")).isEqualTo("You have signed out.");
	}

	private static Map<String, List<String>> awaitRedirectTo(String redirectUri) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(redirectUri + "?"));
		return Http.query(browser.getCurrentUrl());
	}

	private static String text(String selector) {
		return browser.findElement(By.cssSelector(selector)).getText();
	}

	private static String alert() {
		return text("[role=alert]");
	}

	private static Map<String, String> facts() {
		List<WebElement> terms = browser.findElements(By.cssSelector(".facts dt"));
		List<WebElement> details = browser.findElements(By.cssSelector(".facts dd"));
		Map<String, String> facts = new LinkedHashMap<>();
		for (int i = 0; i < terms.size(); i++) {
			facts.put(terms.get(i).getText(), details.get(i).getText());
		}
		return facts;
	}

	private static List<String> scopes() {
		return browser.findElements(By.cssSelector(".scopes > li")).stream().map(WebElement::getText).toList();
	}

	/** The page must fit a 360 px wide screen: no sideways scrolling. */
	private static void phoneScreenshot(String name) {
		assertThat(browser.executeScript("return window.innerWidth")).isEqualTo((long) Chromium.PHONE_WIDTH);
		assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth"))
			.as("page width of %s", name)
			.isLessThanOrEqualTo(Chromium.PHONE_WIDTH);
		Chromium.screenshot(browser, name);
	}

	private static CookieManager sessionOf(ChromeDriver browser) {
		CookieManager cookies = new CookieManager();
		browser.manage().getCookies().forEach(cookie -> {
			HttpCookie copy = new HttpCookie(cookie.getName(), cookie.getValue());
			copy.setPath("/");
			copy.setVersion(0);
			cookies.getCookieStore().add(URI.create(server.baseUrl()), copy);
		});
		return cookies;
	}

}
