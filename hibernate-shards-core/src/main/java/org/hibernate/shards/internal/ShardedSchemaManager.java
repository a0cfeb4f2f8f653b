package org.hibernate.shards.internal;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.hibernate.relational.SchemaManager;

/** Hibernate's schema manager, applied to every physical shard in turn. */
final class ShardedSchemaManager implements SchemaManager {
	private final List<SchemaManager> shards;

	ShardedSchemaManager(List<SchemaManager> shards) {
		this.shards = shards;
	}

	private void each(Consumer<SchemaManager> action) {
		shards.forEach( action );
	}

	private SchemaManager map(UnaryOperator<SchemaManager> operator) {
		return new ShardedSchemaManager( shards.stream().map( operator ).toList() );
	}

	@Override
	public void exportMappedObjects(boolean createSchemas) {
		each( shard -> shard.exportMappedObjects( createSchemas ) );
	}

	@Override
	public void dropMappedObjects(boolean dropSchemas) {
		each( shard -> shard.dropMappedObjects( dropSchemas ) );
	}

	@Override
	public void validateMappedObjects() {
		each( SchemaManager::validateMappedObjects );
	}

	@Override
	public void truncateMappedObjects() {
		each( SchemaManager::truncateMappedObjects );
	}

	@Override
	public void truncateTable(String tableName) {
		each( shard -> shard.truncateTable( tableName ) );
	}

	@Override
	public void populate() {
		each( SchemaManager::populate );
	}

	@Override
	public void resynchronizeGenerators() {
		each( SchemaManager::resynchronizeGenerators );
	}

	@Override
	public SchemaManager forSchema(String schemaName) {
		return map( shard -> shard.forSchema( schemaName ) );
	}

	@Override
	public SchemaManager forCatalog(String catalogName) {
		return map( shard -> shard.forCatalog( catalogName ) );
	}

	@Override
	public void create(boolean createSchemas) {
		each( shard -> shard.create( createSchemas ) );
	}

	@Override
	public void drop(boolean dropSchemas) {
		each( shard -> shard.drop( dropSchemas ) );
	}

	@Override
	public void validate() throws jakarta.persistence.SchemaValidationException {
		for ( SchemaManager shard : shards ) {
			shard.validate();
		}
	}

	@Override
	public void truncate() {
		each( SchemaManager::truncate );
	}
}
