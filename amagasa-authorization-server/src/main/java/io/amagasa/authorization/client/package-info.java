/**
 * How the embedded authorization server knows its clients, besides pre-registration: Client ID Metadata
 * Documents ({@code cimd}, AS-15..AS-26) and Dynamic Client Registration ({@code registration}, AS-27,
 * AS-28), and what the consent page may say about a client ({@link
 * io.amagasa.authorization.client.ClientDisplayInfoService}).
 */
package io.amagasa.authorization.client;
