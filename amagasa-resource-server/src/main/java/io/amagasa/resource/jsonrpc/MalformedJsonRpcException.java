package io.amagasa.resource.jsonrpc;

/** The body is not a JSON-RPC message authorization can read; its message is safe to return. */
public final class MalformedJsonRpcException extends RuntimeException {

	public MalformedJsonRpcException(String message) {
		super(message, null, false, false);
	}

}
