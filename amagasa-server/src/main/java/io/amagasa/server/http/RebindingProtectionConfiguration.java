package io.amagasa.server.http;

import io.amagasa.resource.rebinding.AllowedHosts;
import io.amagasa.resource.rebinding.DnsRebindingProtectionFilter;
import io.amagasa.server.config.AmagasaProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts DNS-rebinding protection in front of everything else, Spring Security included: a request from
 * a rebinding page is refused before any credential or body is read.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RebindingProtectionConfiguration {

	@Bean
	FilterRegistrationBean<DnsRebindingProtectionFilter> dnsRebindingProtectionFilter(AmagasaProperties properties,
			McpEndpointPath mcpEndpoint) {
		AllowedHosts allowed = new AllowedHosts(properties.publicBaseUrl(), properties.http().allowedHosts(),
				properties.http().allowedOrigins());
		// Health probes come from orchestrators that address the pod by IP: they are exempt from the
		// Host rule and reveal nothing.
		DnsRebindingProtectionFilter filter = new DnsRebindingProtectionFilter(allowed, mcpEndpoint::matches,
				request -> !McpEndpointPath.pathWithinApplication(request).startsWith("/actuator/health"));
		FilterRegistrationBean<DnsRebindingProtectionFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
