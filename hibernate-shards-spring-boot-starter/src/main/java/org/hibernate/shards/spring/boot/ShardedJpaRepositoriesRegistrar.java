package org.hibernate.shards.spring.boot;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.jpa.repository.config.JpaRepositoryConfigExtension;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfigurationDelegate;
import org.springframework.data.util.Streamable;

/**
 * Registers the repositories of the application's packages ({@code @SpringBootApplication}'s), with the defaults of
 * {@code @EnableJpaRepositories}. Kept out of any configuration class: the annotated class holding the defaults must
 * not be processed as a configuration itself, or it would register repositories of its own package too.
 */
final class ShardedJpaRepositoriesRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware, ResourceLoaderAware, EnvironmentAware {
	private BeanFactory beanFactory;
	private ResourceLoader resourceLoader;
	private Environment environment;

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClass, BeanDefinitionRegistry registry, BeanNameGenerator names) {
		AnnotationRepositoryConfigurationSource source = new AnnotationRepositoryConfigurationSource(
				AnnotationMetadata.introspect( DefaultRepositoryOptions.class ), EnableJpaRepositories.class, resourceLoader,
				environment, registry, names ) {
			@Override
			public Streamable<String> getBasePackages() {
				return Streamable.of( AutoConfigurationPackages.get( beanFactory ) );
			}
		};
		new RepositoryConfigurationDelegate( source, resourceLoader, environment )
				.registerRepositoriesIn( registry, new JpaRepositoryConfigExtension() );
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	/** Where the registrar reads the annotation's defaults from. */
	@EnableJpaRepositories
	private static final class DefaultRepositoryOptions {
	}
}
