package io.amagasa.resource.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the policy sees of a body (RS-13: the tool a call names), and which bodies are refused before it. */
class JsonRpcEnvelopeReaderTests {

	private final JsonRpcEnvelopeReader reader = new JsonRpcEnvelopeReader(JsonMapper.builder().build());

	private JsonRpcEnvelope read(String body) {
		return this.reader.read(body.getBytes(StandardCharsets.UTF_8)).envelope();
	}

	@Test
	void toolsCallWithItsToolAndId() {
		JsonRpcEnvelope envelope = read("""
				{"params":{"arguments":{"name":"not this","n":[1,{"x":2}]},"name":"get_forecast"},
				 "jsonrpc":"2.0","method":"tools/call","id":7}""");
		assertThat(envelope.messages()).containsExactly(new JsonRpcEnvelope.Message("tools/call", "7", "get_forecast"));
		assertThat(envelope.calledTools()).containsExactly("get_forecast");
	}

	@Test
	void stringIdsAreKeptAsJsonText() {
		assertThat(read("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":\"a\\\"b\"}").singleRequestId())
			.contains("\"a\\\"b\"");
	}

	@Test
	void notificationsResponsesAndOtherMethodsCarryNoTool() {
		JsonRpcEnvelope envelope = read("""
				[{"jsonrpc":"2.0","method":"notifications/initialized"},
				 {"jsonrpc":"2.0","id":1,"result":{}},
				 {"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"name":"x"}}]""");
		assertThat(envelope.messages()).containsExactly(
				new JsonRpcEnvelope.Message("notifications/initialized", null, null),
				new JsonRpcEnvelope.Message(null, "1", null), new JsonRpcEnvelope.Message("tools/list", "2", null));
		assertThat(envelope.calledTools()).isEmpty();
	}

	@Test
	void everyToolOfABatch() {
		assertThat(read("""
				[{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_alerts"}},
				 {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{}}]""").calledTools())
			.isEqualTo(List.of("get_alerts", ""));
	}

	@Test
	void anEmptyBodyIsNoMessage() {
		assertThat(this.reader.read(new byte[0])).isEqualTo(JsonRpcBody.EMPTY);
	}

	@Test
	void theTreeIsTheBodyReadUntyped() {
		String text = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_alerts\",\"arguments\":{\"state\":\"CA\"}}}";
		JsonRpcBody body = this.reader.read(text.getBytes(StandardCharsets.UTF_8));
		assertThat(body.text()).isEqualTo(text);
		assertThat(body.tree()).isEqualTo(Map.of("jsonrpc", "2.0", "id", 1, "method", "tools/call", "params",
				Map.of("name", "get_alerts", "arguments", Map.of("state", "CA"))));
	}

	@Test
	void numericIdsKeepTheirValue() {
		assertThat(read("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":12345678901234567890}").singleRequestId())
			.contains("12345678901234567890");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			not json                                                           | Parse error
			{"method":"tools/call"                                             | Parse error
			{"method":"tools/call"} {"method":"ping"}                          | Parse error
			{"method":"tools/call","params":{"name":"a","name":"b"}}           | Parse error
			{"method":"tools/call","method":"ping"}                            | Parse error
			{"params":{"arguments":{"k":1,"k":2}},"method":"tools/call"}       | Parse error
			[{"method":"ping"},                                                | Parse error
			[1, {"method":                                                     | Parse error
			'   '                                                              | Invalid Request: a JSON-RPC message must be an object
			42                                                                 | Invalid Request: a JSON-RPC message must be an object
			[{"method":"ping"}, "x"]                                           | Invalid Request: a JSON-RPC message must be an object
			{"method":7}                                                       | Invalid Request: 'method' must be a string
			{"method":null}                                                    | Invalid Request: 'method' must be a string
			{"params":{"name":{"tool":"get_alerts"}},"method":"tools/call"}    | Invalid params: tools/call 'name' must be a string
			""")
	void refused(String body, String error) {
		assertThatThrownBy(() -> read(body)).isInstanceOf(MalformedJsonRpcException.class).hasMessageStartingWith(error);
	}

}
