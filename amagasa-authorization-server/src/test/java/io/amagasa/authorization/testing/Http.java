package io.amagasa.authorization.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP on loopback for the tests: form posts, JSON bodies, query parameters. No redirects followed. */
public final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private Http() {
	}

	public static HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
	}

	/** A form post; {@code basic} is {@code client_id:secret} for HTTP Basic, or {@code null}. */
	public static HttpResponse<String> post(String url, Map<String, String> form, String basic) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)));
		if (basic != null) {
			String[] credentials = basic.split(":", 2);
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((encode(credentials[0]) + ":" + encode(credentials[1])).getBytes(StandardCharsets.UTF_8)));
		}
		return send(request.build());
	}

	public static HttpResponse<String> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static Map<String, Object> json(HttpResponse<String> response) {
		return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {
		});
	}

	public static String form(Map<String, String> parameters) {
		List<String> pairs = new ArrayList<>();
		parameters.forEach((name, value) -> {
			if (value != null) {
				pairs.add(encode(name) + "=" + encode(value));
			}
		});
		return String.join("&", pairs);
	}

	public static String url(String base, Map<String, String> query) {
		return base + (base.contains("?") ? "&" : "?") + form(query);
	}

	/** The query parameters of a URL, decoded, each with every value it has. */
	public static Map<String, List<String>> query(String url) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		String query = URI.create(url).getRawQuery();
		if (query == null) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			String[] nameValue = pair.split("=", 2);
			parameters.computeIfAbsent(decode(nameValue[0]), name -> new ArrayList<>())
				.add((nameValue.length > 1) ? decode(nameValue[1]) : "");
		}
		return parameters;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
