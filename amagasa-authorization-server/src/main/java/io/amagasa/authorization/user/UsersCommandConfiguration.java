package io.amagasa.authorization.user;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The {@link UsersCommand}'s context: the database as the server opens it (the authorization server's
 * {@code DataSourceDefaults} put it under {@code amagasa.data-dir} unless {@code spring.datasource.url}
 * says otherwise), migrated by Flyway so that the command also works before the server's first start,
 * and the account store. Nothing else of the server starts: no web server, no first admin account.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class })
@Import(UserAccountsConfiguration.class)
class UsersCommandConfiguration {

}
