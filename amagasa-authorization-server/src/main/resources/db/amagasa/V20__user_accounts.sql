-- Local user accounts: Spring Security's JdbcUserDetailsManager schema (users, authorities), in SQL
-- that H2 2.x and PostgreSQL 15 both run. Usernames are stored in lower case (the application
-- normalises them), so the primary key also makes names unique regardless of case; it is what lets
-- two instances starting together on one database create the first admin account only once.
-- Passwords are DelegatingPasswordEncoder hashes ("{bcrypt}$2a$10$..."), never the passwords.
CREATE TABLE users (
    username varchar(50)  NOT NULL,
    password varchar(500) NOT NULL,
    enabled  boolean      NOT NULL,
    PRIMARY KEY (username)
);

CREATE TABLE authorities (
    username  varchar(50) NOT NULL,
    authority varchar(50) NOT NULL,
    CONSTRAINT fk_authorities_users FOREIGN KEY (username) REFERENCES users (username)
);

CREATE UNIQUE INDEX ix_auth_username ON authorities (username, authority);
