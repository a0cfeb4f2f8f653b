package org.hibernate.shards.it.move;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hibernate.shards.ShardId;
import org.hibernate.shards.ShardedSession;
import org.hibernate.shards.ShardedSessionFactory;
import org.hibernate.shards.admin.ShardAdmin;
import org.hibernate.shards.admin.ShardStatus;
import org.hibernate.shards.it.KeyRouting;
import org.hibernate.shards.it.move.RaceWriters.Kind;
import org.hibernate.shards.it.move.RaceWriters.Written;
import org.hibernate.shards.it.move.model.MvAccount;
import org.hibernate.shards.it.move.model.MvBoard;
import org.hibernate.shards.it.move.model.MvInvoice;
import org.hibernate.shards.it.move.model.MvMemo;
import org.hibernate.shards.it.move.model.MvMemoLine;
import org.hibernate.shards.it.move.model.MvPin;
import org.hibernate.shards.strategy.directory.Partition;
import org.hibernate.shards.strategy.directory.ShardDirectory;
import org.hibernate.shards.strategy.directory.ShardDirectoryException;
import org.hibernate.shards.test.MySqlShards;
import org.hibernate.shards.test.ShardDatabases;
import org.junit.jupiter.api.Test;

/**
 * Partition changes made by one instance ({@code a}) while another ({@code b}) writes rows of the changing partition,
 * routing by the directory it read last: {@code b} reads it again only every third of the instance timeout, so for up
 * to a second after each change it writes by the old one. Partitions are added, moved and removed between virtual
 * shards of one physical shard (the directory alone changes) and of two (the rows move), for accounts (their ids and
 * their invoices' carry their virtual shard), boards (placed by name; their pins' ids carry it) and memos (nothing
 * carries it). Virtual shards 0-3 live on shard 0, 4-7 on shard 1; every partition's value hashes to virtual shard
 * {@value #HOME}.
 * <p>
 * Whatever the timing: every row {@code b} was told is committed is stored once, on the physical shard of the virtual
 * shard its key's partition is placed on, with an id that names that virtual shard when it carries one, and a fresh
 * instance finds it by id and by key, also after the virtual shards involved are moved apart; a write {@code b} could
 * not make failed with {@code VirtualShardMovingException}, and a change {@code a} could not make was refused with a
 * {@link ShardDirectoryException} saying why.
 */
@MySqlShards(2)
class DirectoryChangeRaceTest {
	private static final int HOME = 1;
	private static final int NEAR = 2;
	private static final int NEAR_TOO = 3;
	private static final int FAR = 5;
	private static final int FAR_TOO = 6;
	private static final int ROUNDS = 3;
	/** Accounts are partitioned by the first characters of their e-mail, so that a partition holds many accounts. */
	private static final int PREFIX = 10;
	private static final Class<?>[] MODEL = { MvAccount.class, MvInvoice.class, MvMemo.class, MvMemoLine.class, MvBoard.class, MvPin.class };
	private static final Map<String, String> SETTINGS = Map.of( "hibernate.shards.entity.MvAccount.function", "PREFIX(" + PREFIX + ")",
			"hibernate.shards.move.instance_timeout_seconds", "3" );
	/** How long before a's change b starts writing its partition, by round: just before, once the change is made, at once. */
	private static final long[] HEAD_START_MILLIS = { 15, -300, 0 };

	private MoveFixture fixture;
	private ShardedSessionFactory a;
	private ShardDirectory directory;
	private final List<String> refusals = new ArrayList<>();
	private int tiedChangesMade;

	@Test
	void rowsWrittenByAStaleInstanceWhilePartitionsChangeAreStoredOnceWhereTheirKeyIsAndFoundByIdAndKey(ShardDatabases dbs) {
		fixture = new MoveFixture( dbs );
		a = fixture.factory( "create", 1, SETTINGS, MODEL );
		ShardedSessionFactory b = fixture.factory( "none", 3600, SETTINGS, MODEL );
		try {
			directory = ShardDirectory.of( a );
			directory.setupTable( "MvAccount", "email", null, "PREFIX(" + PREFIX + ")" );
			directory.setupTable( "MvBoard", "name", null, "HASH()" );
			directory.setupTable( "MvMemo", "topic", null, "HASH()" );
			MoveFixture.awaitFollows( b, a );
			List<Written> written;
			int refusedWrites;
			try ( RaceWriters writers = RaceWriters.start( b, 3 ) ) {
				for ( int round = 0; round < ROUNDS; round++ ) {
					for ( Kind kind : Kind.values() ) {
						change( writers, b, round, kind, true );
						change( writers, b, round, kind, false );
					}
					writers.pause();
					writers.check();
					assertStoredOnceWhereTheirKeyIsAndFound( writers.committed(), "after round " + round );
				}
				written = writers.committed();
				refusedWrites = writers.refused();
			}
			b.close(); // movers need not wait for it to follow any more
			b = null;
			System.out.printf( "b committed %s, had %d writes refused as moving; a's refusals: %s%n", countsByKind( written ), refusedWrites, refusals );
			assertTrue( tiedChangesMade > 0, "some changes of partitions whose rows carry their virtual shard were made while b wrote: " + refusals );

			// Rows whose ids name one virtual shard and whose keys another would now be looked for on two physical shards.
			ShardAdmin admin = ShardAdmin.of( a );
			for ( int virtualShard : new int[] { NEAR, NEAR_TOO } ) {
				assertNotNull( admin.moveVirtualShard( virtualShard, ShardId.of( 1 ) ).await( Duration.ofSeconds( 60 ) ), "move of " + virtualShard );
				assertStoredOnceWhereTheirKeyIsAndFound( written, "after virtual shard " + virtualShard + " moved to shard 1" );
			}
		}
		finally {
			if ( b != null ) {
				b.close();
			}
			a.close();
		}
	}

	/**
	 * One change of a partition of its own, made by a while b writes rows of it. Round 0 adds the partition, round 1
	 * moves it or removes it, round 2 removes it or moves it (rounds 1 and 2 place it first and show b the placement).
	 *
	 * @param sameShard whether its values change virtual shard within physical shard 0, or go to or come from shard 1
	 */
	private void change(RaceWriters writers, ShardedSessionFactory b, int round, Kind kind, boolean sameShard) {
		String value = partitionValue( kind, round, sameShard );
		String name = ( sameShard ? "near" : "far" ) + round;
		Runnable change = switch ( round ) {
			case 0 -> () -> directory.addPartition( kind.entity, name, value, sameShard ? NEAR : FAR );
			case 1 -> {
				place( b, kind, name, value, sameShard ? NEAR : FAR );
				yield sameShard ? () -> directory.movePartition( kind.entity, name, NEAR_TOO ) : () -> directory.removePartition( kind.entity, name );
			}
			default -> {
				place( b, kind, name, value, NEAR );
				yield sameShard ? () -> directory.removePartition( kind.entity, name ) : () -> directory.movePartition( kind.entity, name, FAR_TOO );
			}
		};
		long headStart = HEAD_START_MILLIS[round];
		if ( headStart >= 0 ) {
			writers.write( kind, value );
			MoveFixture.sleep( headStart );
		}
		else {
			CompletableFuture.delayedExecutor( -headStart, TimeUnit.MILLISECONDS ).execute( () -> writers.write( kind, value ) );
		}
		String what = "round " + round + ", " + kind + ( sameShard ? " within shard 0" : " across shards" );
		try {
			change.run();
			tiedChangesMade += kind.tied() ? 1 : 0;
		}
		catch (ShardDirectoryException refused) {
			assertTrue( kind.tied(), what + ": memos follow their partition anywhere, yet the change was refused: " + refused.getMessage() );
			assertTrue( refused.getMessage().contains( "carry their virtual shard" ), what + ": the refusal says why: " + refused.getMessage() );
			refusals.add( what );
		}
		// b writes on by the directory it has until it reads the new one; a move waited for it already.
		MoveFixture.sleep( sameShard ? 1_200 : 300 );
	}

	/** Places a partition before its rows are written, and waits until b routes by that placement. */
	private void place(ShardedSessionFactory b, Kind kind, String name, String value, int virtualShard) {
		directory.addPartition( kind.entity, name, value, virtualShard );
		MoveFixture.awaitFollows( b, a );
	}

	/** @return a value of {@value #PREFIX} characters hashing to {@value #HOME}, of one change only */
	private static String partitionValue(Kind kind, int round, boolean sameShard) {
		String stem = kind.name().substring( 0, 2 ).toLowerCase( Locale.ROOT ) + round + ( sameShard ? "n" : "f" );
		for ( int i = 0; ; i++ ) {
			String value = stem + String.format( "%0" + ( PREFIX - stem.length() ) + "d", i );
			if ( KeyRouting.virtualShard( value, MoveFixture.VIRTUAL ) == HOME ) {
				return value;
			}
		}
	}

	/**
	 * Every write b was told is committed: its row and its child's are stored once (and nothing else is), on the physical
	 * shard of the virtual shard its key's partition is placed on now; an id that carries a virtual shard names that one;
	 * and a fresh instance finds both by id and by the key.
	 */
	private void assertStoredOnceWhereTheirKeyIsAndFound(List<Written> written, String when) {
		List<String> problems = new ArrayList<>();
		try ( ShardedSessionFactory fresh = fixture.factory( "none", 1, SETTINGS, MODEL ) ) {
			Map<Integer, Integer> physicalByVirtual = new HashMap<>();
			for ( ShardStatus.Shard shard : ShardAdmin.of( fresh ).status().shards() ) {
				shard.virtualShards().forEach( v -> physicalByVirtual.put( v, shard.id().getId() ) );
			}
			for ( Kind kind : Kind.values() ) {
				Map<String, Integer> placed = new HashMap<>();
				for ( Partition partition : ShardDirectory.of( fresh ).listPartitions( kind.entity ) ) {
					placed.put( partition.value(), partition.virtualShard() );
				}
				Map<Long, List<Integer>> parents = storedShards( kind.table );
				Map<Long, List<Integer>> children = storedShards( kind.childTable );
				List<Written> ofKind = written.stream().filter( w -> w.kind() == kind ).toList();
				if ( parents.size() != ofKind.size() || children.size() != ofKind.size() ) {
					problems.add( kind + ": " + parents.size() + " rows and " + children.size() + " children stored, " + ofKind.size() + " committed" );
				}
				for ( Written w : ofKind ) {
					String partition = kind == Kind.ACCOUNT ? w.key().substring( 0, PREFIX ) : w.key();
					int virtualShard = placed.getOrDefault( partition, KeyRouting.virtualShard( partition, MoveFixture.VIRTUAL ) );
					List<Integer> where = List.of( physicalByVirtual.get( virtualShard ) );
					if ( !where.equals( parents.get( w.parentId() ) ) || !where.equals( children.get( w.childId() ) ) ) {
						problems.add( w + " is stored on shards " + parents.get( w.parentId() ) + " (its child on " + children.get( w.childId() )
								+ "), its key's partition on virtual shard " + virtualShard + ", on shard " + where );
					}
					List<Long> named = kind == Kind.ACCOUNT ? List.of( w.parentId() & 1023, w.childId() & 1023 )
							: kind.tied() ? List.of( w.childId() & 1023 ) : List.of();
					if ( named.stream().anyMatch( v -> v != virtualShard ) ) {
						problems.add( w + ": its sharded ids name virtual shards " + named + ", its key's partition is on virtual shard " + virtualShard );
					}
				}
			}
			try ( ShardedSession session = fresh.openSession() ) {
				int found = 0;
				for ( Written w : written ) {
					if ( session.find( w.kind().parentClass(), w.parentId() ) == null || session.find( w.kind().childClass(), w.childId() ) == null ) {
						problems.add( w + " is not found by id" );
					}
					if ( ++found % 200 == 0 ) {
						session.clear();
					}
				}
				Map<String, List<Written>> byKey = new TreeMap<>();
				written.forEach( w -> byKey.computeIfAbsent( w.kind() + " " + w.key(), k -> new ArrayList<>() ).add( w ) );
				byKey.forEach( (k, ws) -> {
					Kind kind = ws.get( 0 ).kind();
					String key = ws.get( 0 ).key();
					List<Long> parentIds = new ArrayList<>( new TreeSet<>( ws.stream().map( Written::parentId ).toList() ) );
					List<Long> childIds = new ArrayList<>( new TreeSet<>( ws.stream().map( Written::childId ).toList() ) );
					List<Long> parentsFound = new ArrayList<>( new TreeSet<>( session.createSelectionQuery( kind.parentsByKey, Long.class )
							.setParameter( "k", key ).list() ) );
					List<Long> childrenFound = new ArrayList<>( new TreeSet<>( session.createSelectionQuery( kind.childrenByKey, Long.class )
							.setParameter( "k", key ).list() ) );
					if ( !parentIds.equals( parentsFound ) || !childIds.equals( childrenFound ) ) {
						problems.add( k + ": committed " + parentIds + " with children " + childIds + ", found by key " + parentsFound + " with "
								+ childrenFound );
					}
				} );
			}
		}
		if ( !problems.isEmpty() ) {
			fail( problems.size() + " problems " + when + "; the first: " + String.join( "\n", problems.subList( 0, Math.min( 15, problems.size() ) ) ) );
		}
	}

	/** @return by id, the physical shards that store a row of the table, read with plain JDBC */
	private Map<Long, List<Integer>> storedShards(String table) {
		Map<Long, List<Integer>> shards = new HashMap<>();
		for ( int shard = 0; shard < 2; shard++ ) {
			for ( String id : fixture.lines( shard, "select id from " + table ) ) {
				shards.computeIfAbsent( Long.parseLong( id ), i -> new ArrayList<>() ).add( shard );
			}
		}
		return shards;
	}

	private static Map<Kind, Long> countsByKind(List<Written> written) {
		Map<Kind, Long> counts = new TreeMap<>();
		written.forEach( w -> counts.merge( w.kind(), 1L, Long::sum ) );
		return counts;
	}
}
