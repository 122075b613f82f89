package io.amagasa.authorization.testing;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The authorization server on its own, as the auto-configuration builds it: no component scan, so the
 * tests see exactly the embedded server's core (Spring's form login, Spring Authorization Server's
 * consent page, the interim in-memory users).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestAuthorizationServerApplication {

}
