package io.amagasa.resource.jsonrpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MCP transport acts on the tree the policy decided on (RS-13: the tool a call names is the tool
 * called), and parses anything else itself. Each test hands over a tree whose id differs from the text's,
 * so that which of the two the transport used shows in the message it reads.
 */
class ParsedBodyHandoffTests {

	private static final String CALL = """
			{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_alerts","arguments":{"state":"CA"}}}""";

	private static final TypeRef<HashMap<String, Object>> MAP = new TypeRef<>() {
	};

	private final ParsedBodyHandoff handoff = new ParsedBodyHandoff(JsonMapper.builder().build());

	private final McpJsonMapper transport = this.handoff.transportMapper();

	@AfterEach
	void end() {
		this.handoff.end();
	}

	/** The body as the filter reads it, with the tree's id changed to 99. */
	@SuppressWarnings("unchecked")
	private JsonRpcBody marked(String text) {
		JsonRpcBody body = this.handoff.reader().read(text.getBytes(StandardCharsets.UTF_8));
		((Map<String, Object>) body.tree()).put("id", 99);
		return body;
	}

	@Test
	void theSdkDeserializesTheHandedOverTree() throws Exception {
		this.handoff.handOver(marked(CALL));
		McpSchema.JSONRPCRequest request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(this.transport,
				CALL);
		assertThat(request.id()).isEqualTo(99);
		assertThat(request.method()).isEqualTo("tools/call");
	}

	@Test
	void theTreeIsTakenOnce() throws Exception {
		this.handoff.handOver(marked(CALL));
		assertThat(this.transport.readValue(CALL, MAP)).containsEntry("id", 99);
		assertThat(this.transport.readValue(CALL, MAP)).containsEntry("id", 1);
	}

	@Test
	void anotherTextIsRefusedAndTheRefusalReported() {
		this.handoff.handOver(marked(CALL));
		// the same bytes decoded under another charset than UTF-8
		String decodedOtherwise = new String(CALL.replace("CA", "Ça").getBytes(StandardCharsets.UTF_8),
				StandardCharsets.ISO_8859_1);
		assertThatThrownBy(() -> this.transport.readValue(decodedOtherwise, MAP)).isInstanceOf(IOException.class)
			.hasMessage("The request body must be UTF-8 (RFC 8259 §8.1)");
		assertThat(this.handoff.end()).isTrue();
	}

	@Test
	void aTakenBodyIsNotReportedRefused() throws Exception {
		this.handoff.handOver(marked(CALL));
		this.transport.readValue(CALL, MAP);
		assertThat(this.handoff.end()).isFalse();
	}

	@Test
	void textsWithoutAHandOverAreParsed() throws Exception {
		assertThat(this.transport.readValue(CALL, MAP)).containsEntry("id", 1);
		assertThat(this.handoff.end()).isFalse();
	}

	@Test
	void aTypedReadIsParsed() throws Exception {
		this.handoff.handOver(marked("{\"a\":1}"));
		Map<String, Long> typed = this.transport.readValue("{\"a\":1}", new TypeRef<Map<String, Long>>() {
		});
		assertThat(typed.get("a")).isEqualTo(1L);
	}

	@Test
	void nothingIsHandedOverAfterTheRequest() throws Exception {
		this.handoff.handOver(marked(CALL));
		this.handoff.end();
		assertThat(this.transport.readValue(CALL, MAP)).containsEntry("id", 1);
	}

	@Test
	void anotherThreadParses() throws Exception {
		this.handoff.handOver(marked(CALL));
		Map<String, Object> elsewhere = CompletableFuture.supplyAsync(() -> {
			try {
				return this.transport.readValue(CALL, MAP);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).get();
		assertThat(elsewhere).containsEntry("id", 1);
	}

	@Test
	void aBatchReadAsOneMessageFailsAsItWouldUnshared() {
		String batch = "[" + CALL + "]";
		this.handoff.handOver(this.handoff.reader().read(batch.getBytes(StandardCharsets.UTF_8)));
		assertThatThrownBy(() -> this.transport.readValue(batch, MAP)).isInstanceOf(Exception.class);
	}

}
