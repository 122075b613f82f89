package io.amagasa.authorization.user;

import java.io.Console;

/** Asks the person at the terminal for a password without echoing it. */
@FunctionalInterface
interface PasswordPrompt {

	/** @return what was typed, or {@code null} when there is no terminal to ask on */
	char[] read(String prompt);

	static PasswordPrompt console() {
		return prompt -> {
			Console console = System.console();
			return (console != null) ? console.readPassword("%s", prompt) : null;
		};
	}

}
