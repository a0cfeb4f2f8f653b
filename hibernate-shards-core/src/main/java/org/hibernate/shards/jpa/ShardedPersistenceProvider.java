package org.hibernate.shards.jpa;

import java.util.Map;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.ProviderUtil;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.internal.jpa.ShardedUnitBuilder;

/**
 * The JPA provider of sharded persistence units: {@code Persistence.createEntityManagerFactory("unit")} returns a
 * {@link ShardedSessionFactory}, whose {@code EntityManager}s are {@link org.hibernate.shards.ShardedSession}s.
 * A unit asks for it by name, and lists its shards as settings:
 * <pre>{@code
 * <persistence-unit name="shop">
 *   <provider>org.hibernate.shards.jpa.ShardedPersistenceProvider</provider>
 *   <class>com.example.Customer</class>
 *   <properties>
 *     <property name="hibernate.shards.0.connection.url" value="jdbc:mysql://db0:3306/shop"/>
 *     <property name="hibernate.shards.1.connection.url" value="jdbc:mysql://db1:3306/shop"/>
 *     <property name="hibernate.connection.username" value="app"/>
 *   </properties>
 * </persistence-unit>
 * }</pre>
 * It coexists with Hibernate's own provider: each builds only the units that name it ({@code <provider>}, or
 * {@code jakarta.persistence.provider} in the properties passed), and a unit that names no provider is Hibernate's.
 * Entity classes are those the unit lists ({@code <class>}); jars are not scanned. The unit is {@code RESOURCE_LOCAL}
 * and names no data source: both are refused with {@link org.hibernate.shards.ShardingConfigurationException}.
 */
public class ShardedPersistenceProvider implements PersistenceProvider {
	/** Entities of shard sessions are Hibernate's own, so Hibernate's answers whether they are loaded. */
	private final ProviderUtil providerUtil = new HibernatePersistenceProvider().getProviderUtil();

	/**
	 * @return the unit's sharded factory, or {@code null} when no {@code META-INF/persistence.xml} declares the unit or
	 *         the unit names another provider
	 */
	@Override
	public EntityManagerFactory createEntityManagerFactory(String unitName, Map<?, ?> properties) {
		return ShardedUnitBuilder.fromPersistenceXml( getClass().getName(), unitName, properties );
	}

	/** @return the sharded factory of a unit made in code, or {@code null} when it names another provider */
	@Override
	public EntityManagerFactory createEntityManagerFactory(PersistenceConfiguration configuration) {
		return getClass().getName().equals( configuration.provider() ) ? ShardedUnitBuilder.fromConfiguration( configuration ) : null;
	}

	/** The container (or Spring) chose this provider: the unit's managed classes are loaded with its class loader. */
	@Override
	public EntityManagerFactory createContainerEntityManagerFactory(PersistenceUnitInfo info, Map<?, ?> properties) {
		return ShardedUnitBuilder.fromUnitInfo( info, properties );
	}

	/**
	 * Runs the unit's schema-generation actions ({@code jakarta.persistence.schema-generation.*},
	 * {@code hibernate.hbm2ddl.auto}) on every shard: the factory is built, each shard's Hibernate runs them as it
	 * starts, and the factory is closed.
	 */
	@Override
	public void generateSchema(PersistenceUnitInfo info, Map<?, ?> properties) {
		createContainerEntityManagerFactory( info, properties ).close();
	}

	/**
	 * As {@link #generateSchema(PersistenceUnitInfo, Map)}, for a unit of a {@code persistence.xml}.
	 *
	 * @return {@code false} when no file declares the unit or it names another provider
	 */
	@Override
	public boolean generateSchema(String unitName, Map<?, ?> properties) {
		EntityManagerFactory factory = createEntityManagerFactory( unitName, properties );
		if ( factory == null ) {
			return false;
		}
		factory.close();
		return true;
	}

	@Override
	public ProviderUtil getProviderUtil() {
		return providerUtil;
	}
}
