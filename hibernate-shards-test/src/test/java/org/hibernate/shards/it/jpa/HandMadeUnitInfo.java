package org.hibernate.shards.it.jpa;

import java.net.URL;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;

/**
 * A persistence unit described the way a container or Spring's {@code LocalContainerEntityManagerFactoryBean} describes
 * one to {@code createContainerEntityManagerFactory}: properties, managed class names, a class loader.
 */
@SuppressWarnings("removal") // the transaction type of the interface, as containers still implement it
final class HandMadeUnitInfo implements PersistenceUnitInfo {
	private final String name;
	private final Properties properties;
	private final List<String> managedClassNames;
	private final ClassLoader classLoader;
	private jakarta.persistence.spi.PersistenceUnitTransactionType transactionType =
			jakarta.persistence.spi.PersistenceUnitTransactionType.RESOURCE_LOCAL;
	private DataSource nonJtaDataSource;

	HandMadeUnitInfo(String name, Properties properties, List<Class<?>> managedClasses, ClassLoader classLoader) {
		this.name = name;
		this.properties = properties;
		this.managedClassNames = managedClasses.stream().map( Class::getName ).toList();
		this.classLoader = classLoader;
	}

	HandMadeUnitInfo withJta() {
		this.transactionType = jakarta.persistence.spi.PersistenceUnitTransactionType.JTA;
		return this;
	}

	HandMadeUnitInfo withNonJtaDataSource(DataSource dataSource) {
		this.nonJtaDataSource = dataSource;
		return this;
	}

	@Override
	public String getPersistenceUnitName() {
		return name;
	}

	@Override
	public String getPersistenceProviderClassName() {
		return org.hibernate.shards.jpa.ShardedPersistenceProvider.class.getName();
	}

	@Override
	public String getScopeAnnotationName() {
		return null;
	}

	@Override
	public List<String> getQualifierAnnotationNames() {
		return List.of();
	}

	@Override
	public jakarta.persistence.spi.PersistenceUnitTransactionType getTransactionType() {
		return transactionType;
	}

	@Override
	public DataSource getJtaDataSource() {
		return null;
	}

	@Override
	public DataSource getNonJtaDataSource() {
		return nonJtaDataSource;
	}

	@Override
	public List<String> getMappingFileNames() {
		return List.of();
	}

	@Override
	public List<URL> getJarFileUrls() {
		return List.of();
	}

	@Override
	public URL getPersistenceUnitRootUrl() {
		return null;
	}

	@Override
	public List<String> getManagedClassNames() {
		return managedClassNames;
	}

	@Override
	public boolean excludeUnlistedClasses() {
		return true;
	}

	@Override
	public SharedCacheMode getSharedCacheMode() {
		return SharedCacheMode.UNSPECIFIED;
	}

	@Override
	public ValidationMode getValidationMode() {
		return ValidationMode.AUTO;
	}

	@Override
	public Properties getProperties() {
		return properties;
	}

	@Override
	public String getPersistenceXMLSchemaVersion() {
		return "3.2";
	}

	@Override
	public ClassLoader getClassLoader() {
		return classLoader;
	}

	@Override
	public void addTransformer(ClassTransformer transformer) {
		// No enhancement: entities are used as they are.
	}

	@Override
	public ClassLoader getNewTempClassLoader() {
		return classLoader;
	}
}
