package org.hibernate.shards.spring.boot;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.cfg.ShardedConfiguration;
import org.hibernate.shards.spring.boot.app.Customer;
import org.hibernate.shards.spring.boot.app.ShardedTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** An application that builds its own entity manager factory keeps it: the auto-configuration backs off. */
@SpringBootTest(classes = { ShardedTestApplication.class, OwnEntityManagerFactoryTest.OwnFactory.class },
		properties = "spring.data.jpa.repositories.enabled=false")
class OwnEntityManagerFactoryTest extends ShardedSpringBootTest {
	static final String VIRTUAL_SHARDS = "8";

	@Autowired
	ApplicationContext context;

	@Test
	void theApplicationsOwnFactoryIsTheOnlyOne() {
		EntityManagerFactory own = context.getBean( "ownEntityManagerFactory", EntityManagerFactory.class );
		assertSame( own, context.getBean( EntityManagerFactory.class ) );
		assertEquals( 8, ( (ShardedSessionFactory) own ).getVirtualShardCount() );
		assertEquals( 0, context.getBeansOfType( ShardedJpaDialect.class ).size() );
		assertEquals( 0, context.getBeanNamesForType( javax.sql.DataSource.class ).length );
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class OwnFactory {
		@Bean(destroyMethod = "close")
		ShardedSessionFactory ownEntityManagerFactory() {
			return new ShardedConfiguration()
					.setProperties( shards.hibernateProperties() )
					.setProperty( "hibernate.shards.virtual_shards", VIRTUAL_SHARDS )
					.setProperty( "hibernate.hbm2ddl.auto", "create" )
					.addAnnotatedClass( Customer.class )
					.buildShardedSessionFactory();
		}
	}
}
