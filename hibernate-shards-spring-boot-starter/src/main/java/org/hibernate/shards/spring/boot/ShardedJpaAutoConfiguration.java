package org.hibernate.shards.spring.boot;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.cfg.ShardedConfiguration;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.JpaDialect;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.TransactionManager;

/**
 * Makes a {@link ShardedSessionFactory} the application's {@code entityManagerFactory} when shards are configured
 * ({@code spring.jpa.properties.hibernate.shards.0.connection.url} is set), with a {@link JpaTransactionManager} whose
 * transactions span the shard sessions they touch, and Spring Data JPA repositories over it.
 * <p>
 * It runs before Boot's DataSource and Hibernate auto-configurations, which then find no single {@code DataSource}
 * and back off ({@link ShardedAutoConfigurationFilter} keeps Boot from making one); it backs off itself when the
 * application defines its own entity manager factory.
 */
@AutoConfiguration(beforeName = {
		ShardedAutoConfigurationFilter.DATA_SOURCE_AUTO_CONFIGURATION,
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnClass({ ShardedConfiguration.class, EntityManagerFactory.class, JpaTransactionManager.class })
@ConditionalOnProperty(ShardedJpaProperties.FIRST_SHARD_URL)
@ConditionalOnMissingBean({ LocalContainerEntityManagerFactoryBean.class, EntityManagerFactory.class })
@Import(ShardedJpaRepositoriesConfiguration.class)
public class ShardedJpaAutoConfiguration {

	/** The name Spring Data and {@code @PersistenceContext} look for. */
	@Bean(name = "entityManagerFactory", destroyMethod = "close")
	public ShardedSessionFactory entityManagerFactory(Environment environment, BeanFactory beanFactory) {
		ShardedConfiguration configuration = new ShardedConfiguration()
				.setProperties( ShardedJpaProperties.hibernateProperties( environment ) );
		ShardedEntityScanner.mappedClasses( beanFactory, environment ).forEach( configuration::addAnnotatedClass );
		return configuration.buildShardedSessionFactory();
	}

	@Bean
	@ConditionalOnMissingBean(JpaDialect.class)
	public ShardedJpaDialect shardedJpaDialect() {
		return new ShardedJpaDialect();
	}

	@Bean
	@ConditionalOnMissingBean(TransactionManager.class)
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory, JpaDialect jpaDialect) {
		JpaTransactionManager transactionManager = new JpaTransactionManager( entityManagerFactory );
		transactionManager.setJpaDialect( jpaDialect );
		return transactionManager;
	}
}
