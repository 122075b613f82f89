package io.amagasa.authorization.consent;

import io.amagasa.authorization.user.UserLoginConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The embedded authorization server as the auto-configuration builds it, with the people's pages: login,
 * consent, account, error. No component scan.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ UserLoginConfiguration.class, ConsentConfiguration.class })
class UserPagesTestApplication {

}
