package org.hibernate.shards.spring.boot;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.JpaRepositoryConfigExtension;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;

/**
 * Spring Data JPA repositories in the application's packages, as {@code @EnableJpaRepositories} would find them.
 * Boot's own repository auto-configuration waits for a {@code DataSource} bean, which a sharded application does not
 * have; an application that declares {@code @EnableJpaRepositories} itself keeps its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean({ JpaRepositoryFactoryBean.class, JpaRepositoryConfigExtension.class })
@ConditionalOnProperty(name = "spring.data.jpa.repositories.enabled", havingValue = "true", matchIfMissing = true)
@Import(ShardedJpaRepositoriesRegistrar.class)
class ShardedJpaRepositoriesConfiguration {
}
