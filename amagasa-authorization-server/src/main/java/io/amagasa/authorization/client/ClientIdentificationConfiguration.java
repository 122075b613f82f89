package io.amagasa.authorization.client;

import io.amagasa.authorization.client.cimd.ClientIdMetadataDocumentConfiguration;
import io.amagasa.authorization.client.registration.DynamicClientRegistrationConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Client identification for the embedded authorization server: Client ID Metadata Documents
 * ({@link ClientIdMetadataDocumentConfiguration}), Dynamic Client Registration
 * ({@link DynamicClientRegistrationConfiguration}) and the consent page's view of a client
 * ({@link ClientDisplayInfoService}). Import this one class.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ClientIdMetadataDocumentConfiguration.class, DynamicClientRegistrationConfiguration.class })
public class ClientIdentificationConfiguration {

	@Bean
	ClientDisplayInfoService clientDisplayInfoService() {
		return new ClientDisplayInfoService();
	}

}
