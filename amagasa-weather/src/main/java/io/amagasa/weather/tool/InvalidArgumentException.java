package io.amagasa.weather.tool;

/** A tool argument that is missing or unusable; the message is shown to the user as is. */
public class InvalidArgumentException extends RuntimeException {

	public InvalidArgumentException(String message) {
		// No stack trace: this is the user's mistake, reported as a tool result.
		super(message, null, false, false);
	}

}
