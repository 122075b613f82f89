package io.amagasa.resource.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;

/**
 * Rewrites the transport's answer to a {@code tools/list} so that it names only the tools the caller
 * may call. The MCP Java SDK has no per-caller hook for the tool list (java-sdk #578), so the filter
 * chain edits the JSON-RPC result on its way out, whether the transport answers with a JSON body
 * (stateless mode) or with server-sent events (Streamable HTTP): each SSE event is rewritten as soon as
 * it is complete, so streaming is kept. Written by hand because no library rewrites SSE in a servlet.
 */
final class ToolListFilteringResponse extends HttpServletResponseWrapper {

	private final Predicate<String> visible;

	private final JsonMapper mapper;

	private final FilteringStream stream = new FilteringStream();

	private PrintWriter writer;

	ToolListFilteringResponse(HttpServletResponse response, Predicate<String> visible, JsonMapper mapper) {
		super(response);
		this.visible = visible;
		this.mapper = mapper;
	}

	@Override
	public ServletOutputStream getOutputStream() {
		return this.stream;
	}

	@Override
	public PrintWriter getWriter() {
		if (this.writer == null) {
			this.writer = new PrintWriter(new OutputStreamWriter(this.stream, StandardCharsets.UTF_8));
		}
		return this.writer;
	}

	// The body's length changes: whatever length the transport declares is dropped.
	@Override
	public void setContentLength(int length) {
	}

	@Override
	public void setContentLengthLong(long length) {
	}

	@Override
	public void setHeader(String name, String value) {
		if (!HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
			super.setHeader(name, value);
		}
	}

	@Override
	public void addHeader(String name, String value) {
		if (!HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
			super.addHeader(name, value);
		}
	}

	@Override
	public void flushBuffer() throws IOException {
		if (this.writer != null) {
			this.writer.flush();
		}
		this.stream.flush();
		super.flushBuffer();
	}

	/** Writes out what is buffered of a plain JSON body, once the transport is done with it. */
	void finish() throws IOException {
		if (this.writer != null) {
			this.writer.flush();
		}
		this.stream.finish();
	}

	private boolean isEventStream() {
		String type = getContentType();
		return type != null && type.startsWith("text/event-stream");
	}

	private byte[] filterJson(byte[] json) {
		try {
			JsonNode message = this.mapper.readTree(json);
			if (message.path("result").path("tools") instanceof ArrayNode tools) {
				ArrayNode kept = this.mapper.createArrayNode();
				for (JsonNode tool : tools) {
					if (this.visible.test(tool.path("name").asString())) {
						kept.add(tool);
					}
				}
				((ObjectNode) message.get("result")).set("tools", kept);
				return this.mapper.writeValueAsBytes(message);
			}
			return json;
		}
		catch (JacksonException notJson) {
			return json;
		}
	}

	/** {@code data:} lines of one SSE event hold one JSON-RPC message (split over several lines if need be). */
	private byte[] filterEvent(String event) {
		StringBuilder data = new StringBuilder();
		StringBuilder rest = new StringBuilder();
		for (String line : event.split("\n", -1)) {
			if (line.startsWith("data:")) {
				data.append(data.length() == 0 ? "" : "\n").append(line.substring(5).stripLeading());
			}
			else if (!line.isEmpty()) {
				rest.append(line).append('\n');
			}
		}
		if (data.length() == 0) {
			return (event + "\n\n").getBytes(StandardCharsets.UTF_8);
		}
		String filtered = new String(filterJson(data.toString().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
		return (rest + "data:" + filtered.replace("\n", "\ndata:") + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	private final class FilteringStream extends ServletOutputStream {

		private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

		@Override
		public void write(int b) throws IOException {
			this.pending.write(b);
			drainEvents();
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.pending.write(bytes, offset, length);
			drainEvents();
		}

		@Override
		public void flush() throws IOException {
			drainEvents();
			getResponse().getOutputStream().flush();
		}

		@Override
		public void close() throws IOException {
			finish();
			getResponse().getOutputStream().close();
		}

		void finish() throws IOException {
			if (this.pending.size() == 0) {
				return;
			}
			byte[] body = this.pending.toByteArray();
			this.pending.reset();
			ServletOutputStream out = getResponse().getOutputStream();
			out.write(isEventStream() ? body : filterJson(body));
			out.flush();
		}

		/** Passes on each complete SSE event ("\n\n"-terminated), rewritten; plain JSON waits for finish(). */
		private void drainEvents() throws IOException {
			if (!isEventStream()) {
				return;
			}
			String buffered = this.pending.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
			int end = buffered.lastIndexOf("\n\n");
			if (end < 0) {
				return;
			}
			ServletOutputStream out = getResponse().getOutputStream();
			for (String event : buffered.substring(0, end).split("\n\n")) {
				out.write(filterEvent(event));
			}
			this.pending.reset();
			this.pending.write(buffered.substring(end + 2).getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			throw new IllegalStateException("Non-blocking writes are not supported while filtering tools/list");
		}

	}

}
