package org.hibernate.shards.spring.boot.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the tests start: its package holds the entity and the repository the auto-configuration finds. */
@SpringBootApplication
public class ShardedTestApplication {
}
