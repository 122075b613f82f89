package io.amagasa.authorization.client.cimd;

/**
 * A Client Identifier URL or the Client ID Metadata Document behind it was refused. The message is the
 * reason, written for the person looking at the error page and the audit log: it names the rule that
 * was broken and never echoes more than the URL and the offending value.
 */
public class ClientMetadataDocumentException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ClientMetadataDocumentException(String reason) {
		super(reason);
	}

	public ClientMetadataDocumentException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
