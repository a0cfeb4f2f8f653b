package org.hibernate.shards.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.it.model.Customer;
import org.hibernate.shards.it.model.Product;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code hibernate.hbm2ddl.auto} and the factory's schema manager act on every physical shard (checked table by table
 * with JDBC on each shard).
 */
@MySqlShards(4)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaGenerationOnEveryShardTest {
	private ShardDatabases dbs;
	private ShardRows rows;

	@BeforeAll
	void shards(ShardDatabases dbs) {
		this.dbs = dbs;
		this.rows = new ShardRows( dbs );
	}

	private ShardedSessionFactory build(String hbm2ddl) {
		return ShardedFactories.build( dbs, Map.of( "hibernate.hbm2ddl.auto", hbm2ddl ) );
	}

	private void assertEveryTableOnEveryShard() {
		for ( int shard = 0; shard < 4; shard++ ) {
			for ( String table : ShardedFactories.MODEL_TABLES ) {
				assertTrue( rows.tableExists( shard, table ), "table " + table + " on shard " + shard );
			}
		}
	}

	@Test
	void createMakesEveryTableOnEveryShard() {
		build( "create" ).close();
		assertEveryTableOnEveryShard();
		// create starts over: what was there is gone
		rows.update( 3, "insert into product (id, sku, name, price) values (1, 'OLD', 'Old', 1)" );
		build( "create" ).close();
		assertEquals( 0, rows.count( 3, "select count(*) from product" ) );
	}

	@Test
	void updateCreatesWhatIsMissingOnEachShardAndKeepsTheData() {
		build( "create" ).close();
		rows.update( 0, "insert into product (id, sku, name, price) values (1, 'KEEP', 'Kept', 1)" );
		rows.update( 2, "drop table note" );
		rows.update( 3, "alter table customer drop column name" );
		assertFalse( rows.tableExists( 2, "note" ) );

		build( "update" ).close();
		assertEveryTableOnEveryShard();
		assertEquals( 1, rows.count( 3, "select count(*) from information_schema.columns where table_schema = database() "
				+ "and table_name = 'customer' and column_name = 'name'" ), "the dropped column is back on shard 3" );
		assertEquals( "KEEP", rows.single( 0, "select sku from product where id = 1" ), "update keeps existing rows" );
	}

	@Test
	void validateAcceptsMatchingShardsAndFailsWhenOneShardLacksATable() {
		build( "create" ).close();
		build( "validate" ).close();

		rows.update( 1, "drop table product" );
		SchemaManagementException failure = assertThrows( SchemaManagementException.class, () -> build( "validate" ).close() );
		assertTrue( failure.getMessage().contains( "product" ), failure.getMessage() );
		build( "create" ).close();
	}

	@Test
	void createDropDropsTheTablesOfEveryShardWhenTheFactoryCloses() {
		ShardedSessionFactory factory = build( "create-drop" );
		assertEveryTableOnEveryShard();
		factory.close();
		for ( int shard = 0; shard < 4; shard++ ) {
			for ( String table : ShardedFactories.MODEL_TABLES ) {
				assertFalse( rows.tableExists( shard, table ), "table " + table + " dropped on shard " + shard );
			}
		}
		build( "create" ).close();
	}

	@Test
	void theSchemaManagerValidatesAndTruncatesEveryShard() {
		try ( ShardedSessionFactory factory = build( "create" ) ) {
			factory.inTransaction( session -> {
				for ( int shard = 0; shard < 4; shard++ ) {
					session.persist( new Customer( KeyRouting.emailOnShard( shard ), "To truncate" ) );
				}
				session.persist( new Product( "T", "To truncate", null ) );
			} );
			assertEquals( List.of( 1L, 1L, 1L, 1L ), rows.countsPerShard( "customer" ) );
			factory.getSchemaManager().validateMappedObjects();

			factory.getSchemaManager().truncateMappedObjects();
			assertEquals( List.of( 0L, 0L, 0L, 0L ), rows.countsPerShard( "customer" ) );
			assertEquals( 0L, rows.total( "product" ) );

			rows.update( 2, "drop table order_line" );
			assertThrows( RuntimeException.class, () -> factory.getSchemaManager().validateMappedObjects(),
					"validation sees the table missing on shard 2" );
			factory.getSchemaManager().exportMappedObjects( true );
			assertEveryTableOnEveryShard();
		}
	}
}
